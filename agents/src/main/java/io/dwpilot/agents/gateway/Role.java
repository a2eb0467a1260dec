package io.dwpilot.agents.gateway;

/** What a caller may do: analysts read (in read-only transactions), admins may also write and change the schema. */
public enum Role {
    ANALYST, ADMIN;

    public String label() {
        return name().toLowerCase();
    }
}
