package io.dwpilot.persistence.access;

/** The PostgreSQL login role a user's statement runs under: each has its own pool and its own grants. */
public enum DatabaseRole {
    ANALYST,
    ADMIN;

    public String label() {
        return name().toLowerCase();
    }
}
