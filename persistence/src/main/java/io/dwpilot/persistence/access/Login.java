package io.dwpilot.persistence.access;

/** A PostgreSQL user and its password. */
public record Login(String user, String password) {
    @Override
    public String toString() {
        return "Login[" + user + "]";
    }
}
