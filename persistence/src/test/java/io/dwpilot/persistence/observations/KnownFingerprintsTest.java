package io.dwpilot.persistence.observations;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KnownFingerprintsTest {
    private static Database db;

    @BeforeAll
    static void setUp() {
        db = TestPostgres.newWarehouse("known_fingerprints");
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void distinctLoggedFingerprintsWithoutNulls() throws Exception {
        KnownFingerprints known = new KnownFingerprints(db.systemPool());
        assertThat(known.all()).isEmpty();
        try (Connection c = db.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO metadata.query_logs (query_text, fingerprint, user_id, user_role, status) VALUES
                      ('SELECT 1', 'fp-a', 'u', 'analyst', 'ok'),
                      ('SELECT 2', 'fp-a', 'u', 'analyst', 'ok'),
                      ('SELEC', 'fp-b', 'u', 'analyst', 'error'),
                      ('??', NULL, 'u', 'analyst', 'rejected')""");
        }
        assertThat(known.all()).containsExactlyInAnyOrder("fp-a", "fp-b");
    }
}
