package io.dwpilot.persistence;

import java.util.Properties;
import org.postgresql.Driver;

/** Host, port and database of a PostgreSQL JDBC URL, as the driver reads it. */
record ServerAddress(String host, String port, String database) {

    static ServerAddress of(String jdbcUrl) {
        Properties parsed = Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return new ServerAddress(
                parsed.getProperty("PGHOST", "localhost"),
                parsed.getProperty("PGPORT", "5432"),
                parsed.getProperty("PGDBNAME", ""));
    }

    /** A name for files about this database: letters, digits, dots and dashes only. */
    String fileName() {
        return (host + "-" + port + "-" + database).replaceAll("[^A-Za-z0-9.-]", "_");
    }
}
