package io.dwpilot.persistence.indexing;

/**
 * Building or dropping an index failed. The message names the index, PostgreSQL's reason and, for a failed build,
 * whether an INVALID index it left behind was dropped.
 */
public final class IndexBuildException extends RuntimeException {
    private final String sqlState;

    IndexBuildException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** The SQLSTATE PostgreSQL reported (57014 for a statement timeout), or null when it did not come from the server. */
    public String sqlState() {
        return sqlState;
    }
}
