package io.dwpilot.models.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FingerprintTest {
    private static final SqlAnalyzer ANALYZER = new SqlAnalyzer();

    /** Two statements and whether they must share a fingerprint. */
    record Case(String why, String first, String second, boolean same) {
        @Override
        public String toString() {
            return (same ? "same: " : "differ: ") + why;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                same("number literal", "select a from t where b = 1", "select a from t where b = 42"),
                same("string literal", "select a from t where name = 'alice'", "select a from t where name = 'bob'"),
                same(
                        "whitespace and line breaks",
                        "select a,b from t where c=1",
                        "SELECT a ,\n\t b\n  FROM t\n WHERE c   =   2"),
                same(
                        "keyword case",
                        "select a from t where b = 1 order by a",
                        "SELECT a FROM t WHERE b = 1 ORDER BY a"),
                same("unquoted identifier case", "select A from T where B = 1", "select a from t where b = 1"),
                same("function name case", "select SUM(a) from t", "select sum(a) from t"),
                same("IN list length", "select a from t where b in (1, 2, 3)", "select a from t where b in (7)"),
                same(
                        "IN list of strings",
                        "select a from t where b in ('x', 'y')",
                        "select a from t where b in ('z', 'w', 'v', 'u')"),
                same(
                        "NOT IN list length",
                        "select a from t where b not in (1, 2)",
                        "select a from t where b not in (3)"),
                same(
                        "IN list followed by AND (JSqlParser 5.3 precedence bug)",
                        "select a from t where b in (1, 2) and c = 3 or d in (4)",
                        "select a from t where b in (5) and c = 6 or d in (7, 8, 9)"),
                same("LIMIT value", "select a from t order by a limit 10", "select a from t order by a limit 500"),
                same(
                        "LIMIT and OFFSET values",
                        "select a from t limit 10 offset 20",
                        "select a from t limit 5 offset 0"),
                same(
                        "FETCH FIRST value",
                        "select a from t fetch first 10 rows only",
                        "select a from t fetch first 3 rows only"),
                same(
                        "date literal",
                        "select a from t where d >= date '1994-01-01'",
                        "select a from t where d >= date '1997-06-30'"),
                same(
                        "interval literal",
                        "select a from t where d < date '1994-01-01' + interval '1 year'",
                        "select a from t where d < date '1995-01-01' + interval '3 months'"),
                same(
                        "cast literal",
                        "select a from t where ts > '2024-01-01'::timestamp",
                        "select a from t where ts > '2025-12-31 23:59'::timestamp"),
                same("negative and positive numbers", "select a from t where b > -5", "select a from t where b > 7"),
                same(
                        "decimal bounds",
                        "select a from t where b between 0.05 and 0.07",
                        "select a from t where b between 1 and 2"),
                same("positional and literal values", "select a from t where b = $1", "select a from t where b = 5"),
                same("JDBC and positional parameters", "select a from t where b = ?", "select a from t where b = $2"),
                same(
                        "comments",
                        "select a from t -- the usual\nwhere b = 1",
                        "/* nightly */ select a from t where b = 2"),
                same("trailing semicolon", "select a from t;", "select a from t"),
                same(
                        "ARRAY length",
                        "select a from t where b = any(array[1, 2, 3])",
                        "select a from t where b = any(array[4])"),
                differ("other column", "select a from t where b = 1", "select a from t where c = 1"),
                differ("other table", "select a from t where b = 1", "select a from u where b = 1"),
                differ("other operator", "select a from t where b = 1", "select a from t where b > 1"),
                differ("extra predicate", "select a from t where b = 1", "select a from t where b = 1 and c = 2"),
                differ(
                        "AND versus OR",
                        "select a from t where b = 1 and c = 2",
                        "select a from t where b = 1 or c = 2"),
                differ(
                        "other join type",
                        "select a from t join u on t.id = u.id",
                        "select a from t left join u on t.id = u.id"),
                differ(
                        "other join condition",
                        "select a from t join u on t.id = u.id",
                        "select a from t join u on t.id = u.t_id"),
                differ("ORDER BY direction", "select a from t order by a", "select a from t order by a desc"),
                differ("ORDER BY position", "select a, b from t order by 1", "select a, b from t order by 2"),
                differ(
                        "GROUP BY position",
                        "select a, b, count(*) from t group by 1",
                        "select a, b, count(*) from t group by 2"),
                differ("TRUE versus FALSE", "select a from t where flag = true", "select a from t where flag = false"),
                differ(
                        "IS NULL versus IS NOT NULL",
                        "select a from t where b is null",
                        "select a from t where b is not null"),
                differ("IN versus NOT IN", "select a from t where b in (1)", "select a from t where b not in (1)"),
                differ("LIKE versus ILIKE", "select a from t where b like 'x%'", "select a from t where b ilike 'x%'"),
                differ("with and without LIMIT", "select a from t", "select a from t limit 1"),
                differ("DISTINCT", "select a from t", "select distinct a from t"),
                differ("select list", "select a from t", "select a, b from t"),
                differ("quoted identifiers keep their case", "select \"Name\" from t", "select \"name\" from t"),
                differ(
                        "date versus timestamp literal",
                        "select a from t where d > date '2024-01-01'",
                        "select a from t where d > timestamp '2024-01-01'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fingerprintsAreEqualExactlyForTheSameShape(Case c) {
        Fingerprint first = ANALYZER.analyze(c.first()).fingerprint();
        Fingerprint second = ANALYZER.analyze(c.second()).fingerprint();
        if (c.same()) {
            assertThat(second).isEqualTo(first);
        } else {
            assertThat(second.normalizedText()).isNotEqualTo(first.normalizedText());
            assertThat(second.hash()).isNotEqualTo(first.hash());
        }
    }

    @Test
    void theNormalizedTextIsLowerCaseWithLiteralsMasked() {
        Fingerprint fingerprint = ANALYZER.analyze(
                        "SELECT Name, COUNT(*)\nFROM Sales.Orders\nWHERE Total > 100.5 AND Region IN ('EU', 'US') "
                                + "AND Flag = TRUE AND Note IS NULL\nGROUP BY 1\nORDER BY 2 DESC\nLIMIT 10")
                .fingerprint();

        assertThat(fingerprint.normalizedText())
                .isEqualTo("select name, count(*) from sales.orders "
                        + "where total > ? and region in (?) and flag = true and note is null "
                        + "group by 1 order by 2 desc limit ?");
    }

    @Test
    void typedLiteralsKeepTheirType() {
        assertThat(ANALYZER.analyze("select a from t where d < date '1994-01-01' + interval '1 year'")
                        .fingerprint()
                        .normalizedText())
                .isEqualTo("select a from t where d < date ? + interval ?");
    }

    @Test
    void theHashIsTheStartOfTheSha256OfTheText() throws Exception {
        Fingerprint fingerprint =
                ANALYZER.analyze("select a from t where b = 1").fingerprint();

        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(fingerprint.normalizedText().getBytes(StandardCharsets.UTF_8));
        assertThat(fingerprint.hash())
                .hasSize(16)
                .isEqualTo(HexFormat.of().formatHex(digest).substring(0, 16));
    }

    private static Case same(String why, String first, String second) {
        return new Case(why, first, second, true);
    }

    private static Case differ(String why, String first, String second) {
        return new Case(why, first, second, false);
    }
}
