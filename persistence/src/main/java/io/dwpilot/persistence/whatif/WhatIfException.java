package io.dwpilot.persistence.whatif;

import java.sql.SQLException;

/** A what-if evaluation failed: an index could not be created or the statement could not be planned. */
public final class WhatIfException extends RuntimeException {
    private static final int SQL_IN_MESSAGE = 200;

    private final String sqlState;

    WhatIfException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    static WhatIfException of(String what, String sql, SQLException e) {
        String state = e.getSQLState() == null ? "unknown" : e.getSQLState();
        return new WhatIfException(
                what + " failed (SQLSTATE " + state + "): " + e.getMessage() + " -- statement: " + shorten(sql),
                e.getSQLState(),
                e);
    }

    /** The SQLSTATE PostgreSQL reported, or null when the failure did not come from the server. */
    public String sqlState() {
        return sqlState;
    }

    private static String shorten(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() <= SQL_IN_MESSAGE ? flat : flat.substring(0, SQL_IN_MESSAGE) + "...";
    }
}
