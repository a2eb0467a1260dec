package io.dwpilot.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Opening a database installs the extensions the server offers, with kept roles and without. */
class DatabaseExtensionsTest {
    @Test
    void theRolesBootstrapInstallsWhatTheServerOffers() throws SQLException {
        try (Database database = Database.open(TestPostgres.newDatabase("extensions"))) {
            assertOffered(installed(database));
        }
    }

    @Test
    void withoutKeptRolesTheConfiguredLoginInstallsThem() throws SQLException {
        DatabaseSettings settings = TestPostgres.newDatabase("extensions_login");
        try (Database database =
                Database.open(settings.withAccess(settings.access().withAllowSuperuserSessions(true)))) {
            List<String> installed = installed(database);
            assertOffered(installed);
            try (Connection c = database.systemPool().getConnection()) {
                assertThat(DatabaseExtensions.install(c)).isEqualTo(installed);
            }
        }
    }

    private static void assertOffered(List<String> installed) {
        assertThat(installed).contains("pg_stat_statements");
        if (TestPostgres.external()) {
            // CI's PostgreSQL service has hypopg: its tests must run there, not skip.
            assertThat(installed).contains("hypopg");
        }
    }

    private static List<String> installed(Database database) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT extname FROM pg_extension WHERE extname = ANY ('{pg_stat_statements,hypopg}')"
                                + " ORDER BY array_position('{pg_stat_statements,hypopg}', extname)")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
