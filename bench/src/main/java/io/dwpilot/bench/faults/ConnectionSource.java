package io.dwpilot.bench.faults;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a session on the warehouse for the experiment's checks. */
@FunctionalInterface
public interface ConnectionSource {
    Connection connect() throws SQLException;
}
