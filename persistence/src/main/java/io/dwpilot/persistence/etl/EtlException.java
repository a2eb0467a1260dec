package io.dwpilot.persistence.etl;

/** An ETL run failed; the failed step's work was rolled back and earlier steps keep their committed results. */
public final class EtlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EtlException(String message, Throwable cause) {
        super(message, cause);
    }
}
