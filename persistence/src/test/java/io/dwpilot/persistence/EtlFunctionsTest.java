package io.dwpilot.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lenient casts of the ETL: what parses, what becomes NULL (and so a named rejection), never an error. */
class EtlFunctionsTest {
    private static Database database;

    @BeforeAll
    static void open() {
        database = TestPostgres.newWarehouse("etl_functions");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {
                "try_numeric, ' 12.50 ', 12.50",
                "try_numeric, -3, -3",
                "try_numeric, '12,50', NULL",
                "try_numeric, two, NULL",
                "try_bigint, 42, 42",
                "try_bigint, C-42, NULL",
                "try_bigint, 99999999999999999999, NULL",
                "try_date, 2024-02-29, 2024-02-29",
                "try_date, 2023-02-29, NULL",
                "try_date, 2000-02-29, 2000-02-29",
                "try_date, 1900-02-29, NULL",
                "try_date, 2024-04-31, NULL",
                "try_date, 2023-13-10, NULL",
                "try_date, 31/12/2024, NULL",
                "try_timestamptz, 2025-03-05 14:22:10, 2025-03-05 14:22:10+00",
                "try_timestamptz, 2025-03-05T14:22:10Z, 2025-03-05 14:22:10+00",
                "try_timestamptz, 2025-01-01 10:00:00+02:00, 2025-01-01 08:00:00+00",
                "try_timestamptz, 2025-02-30 10:00:00, NULL",
                "try_timestamptz, 2025-01-01 25:00:00, NULL",
                "try_timestamptz, 30/01/2025 10:00, NULL",
                "try_timestamptz, NULL, NULL",
            })
    void lenientCastsParseOrReturnNull(String function, String input, String expected) throws SQLException {
        try (Connection c = database.systemPool().getConnection()) {
            c.createStatement().execute("SET TimeZone = 'UTC'");
            try (PreparedStatement ps = c.prepareStatement("SELECT etl." + function + "(?)::text")) {
                ps.setString(1, input);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo(expected);
                }
            }
        }
    }
}
