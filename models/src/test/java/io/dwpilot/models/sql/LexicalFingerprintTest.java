package io.dwpilot.models.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LexicalFingerprintTest {

    private static String normalized(String sql) {
        return LexicalFingerprint.of(sql).normalizedText();
    }

    @Test
    void literalsCommentsSpacingAndCaseFold() {
        assertNormalized("SELECT  A,b\n\tFROM T   WHERE c = 1;", "select a,b from t where c = ?");
        assertNormalized("select a from t where b = 'it''s' and c = 1.5e3", "select a from t where b = ? and c = ?");
        assertNormalized(
                "select $$ a ' b $$, $q$ ; $q$, E'\\'', U&'d\\0061t', B'101', X'1F', N'x'",
                "select ?, ?, ?, ?, ?, ?, ?");
        assertNormalized("select a /* note */ from t -- why\nwhere b = 2", "select a from t where b = ?");
        assertNormalized("select Ä, b from t", "select Ä, b from t");
        assertNormalized("select 1;;", "select ?");
    }

    @Test
    void listsOfLiteralsFoldToOne() {
        assertNormalized(
                "select a from t where b in (1, 2,3) and c in ( 'x' ) and d in (?, ?)",
                "select a from t where b in (?) and c in (?) and d in (?)");
        assertNormalized("select f(a, 1) from t", "select f(a, ?) from t");
    }

    @Test
    void aSignIsPartOfItsNumberUnlessItSubtracts() {
        assertNormalized(
                "select a from t where b > -5 and c = 3 - 1 and d = 3-1 and e = (-2)",
                "select a from t where b > ? and c = ? - ? and d = ?-? and e = (?)");
    }

    @Test
    void namesParametersAndContinuedStrings() {
        assertNormalized("select a1, t2.b3 from t4", "select a1, t2.b3 from t4");
        assertNormalized("select a from t where b = $1", "select a from t where b = $1");
        assertNormalized("select 'a'\n'b'", "select ?");
    }

    private static void assertNormalized(String sql, String expected) {
        assertThat(normalized(sql)).as(sql).isEqualTo(expected);
    }

    @Test
    void statementsDifferingInLiteralsShareTheFingerprint() {
        assertThat(LexicalFingerprint.of("SELECT * FROM t WHERE a = 'x' AND b IN (1, 2)"))
                .isEqualTo(LexicalFingerprint.of("select *   from t where a = 'yy' and b in (3)"));
    }

    @Test
    void quotedNamesKeepTheirCase() {
        assertThat(LexicalFingerprint.of("select \"Name\" from t"))
                .isNotEqualTo(LexicalFingerprint.of("select \"name\" from t"));
    }

    @Test
    void textPostgresWouldRejectStillHasAFingerprint() {
        assertThat(normalized("SELECT a FROM t WHERE b = 'abc")).isEqualTo("select a from t where b = ?");
        assertThat(normalized("SELECT 1 /* open")).isEqualTo("select ?");
    }

    @Test
    void aLongLiteralTakesLinearTime() {
        String sql =
                "SELECT * FROM t WHERE a = '" + "x''".repeat(400_000) + "' AND b = $$" + "y".repeat(1_000_000) + "$$";
        long start = System.nanoTime();

        assertThat(normalized(sql)).isEqualTo("select * from t where a = ? and b = ?");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
}
