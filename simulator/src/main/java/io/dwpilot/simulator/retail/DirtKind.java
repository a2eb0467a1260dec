package io.dwpilot.simulator.retail;

/**
 * The kinds of dirt the generator puts into bronze, each with the quarantine reason that silver must give it.
 * Every dirty row carries exactly one kind, so the quarantine can be checked against the generator's ledger.
 */
public enum DirtKind {
    DUPLICATE("duplicate"),
    MISSING_REQUIRED("missing_required"),
    MALFORMED_NUMBER("malformed_number"),
    MALFORMED_DATE("malformed_date"),
    INVALID_EMAIL("invalid_email"),
    INVALID_CODE("invalid_code"),
    OUT_OF_RANGE("out_of_range"),
    UNKNOWN_CUSTOMER("unknown_customer"),
    UNKNOWN_PRODUCT("unknown_product");

    private final String reason;

    DirtKind(String reason) {
        this.reason = reason;
    }

    /** The value of silver.quarantine.reason for rows of this kind. */
    public String reason() {
        return reason;
    }
}
