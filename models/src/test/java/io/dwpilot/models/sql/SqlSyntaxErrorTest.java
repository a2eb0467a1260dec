package io.dwpilot.models.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SqlSyntaxErrorTest {
    private static final SqlAnalyzer ANALYZER = new SqlAnalyzer();

    private static SqlSyntaxException failure(SqlAnalyzer analyzer, String sql) {
        SqlSyntaxException e = catchThrowableOfType(SqlSyntaxException.class, () -> analyzer.analyze(sql));
        assertThat(e).as("analyzing %s fails", sql).isNotNull();
        return e;
    }

    @Test
    void aMisspelledKeywordIsReportedWhereItStands() {
        SqlSyntaxException e = failure(ANALYZER, "SELEC * FROM t");

        assertThat(e.getMessage()).isEqualTo("syntax error: unexpected \"SELEC\" at line 1, column 1");
        assertThat(e.line()).hasValue(1);
        assertThat(e.column()).hasValue(1);
    }

    @Test
    void anUnfinishedWhereIsReportedWithWhatWasExpected() {
        SqlSyntaxException e = failure(ANALYZER, "SELECT * FROM t WHERE");

        assertThat(e.getMessage())
                .startsWith("syntax error: unexpected \"WHERE\"")
                .contains("line 1, column 17");
        assertThat(e.line()).hasValue(1);
        assertThat(e.column()).hasValue(17);
    }

    @Test
    void positionsCountLinesAndColumns() {
        SqlSyntaxException e = failure(ANALYZER, "SELECT *\nFROM t\nWHERE a = 1)");

        assertThat(e.getMessage())
                .isEqualTo("syntax error: unexpected \")\" (expected end of input or \";\") at line 3, column 12");
        assertThat(e.line()).hasValue(3);
        assertThat(e.column()).hasValue(12);
    }

    @Test
    void anUnterminatedStringIsALexicalErrorWithAPosition() {
        SqlSyntaxException e = failure(ANALYZER, "SELECT a FROM t WHERE b = 'abc");

        assertThat(e.getMessage()).startsWith("syntax error: Lexical error");
        assertThat(e.line()).hasValue(1);
        assertThat(e.column()).isPresent();
    }

    @Test
    void emptyTextAndSeveralStatementsAreRefused() {
        assertThat(failure(ANALYZER, "   ").getMessage()).contains("empty SQL");
        assertThat(failure(ANALYZER, null).getMessage()).contains("empty SQL");
        assertThat(failure(ANALYZER, "-- only a comment").getMessage()).contains("found 0");
        assertThat(failure(ANALYZER, "SELECT 1; SELECT 2").getMessage()).contains("found 2");
        assertThat(failure(ANALYZER, "SELECT 1; SELECT 2").line()).isEmpty();
    }

    @Test
    void textLongerThanTheLimitIsRefusedWithoutParsing() {
        SqlAnalyzer small = new SqlAnalyzer(100, Duration.ofSeconds(1));
        String sql = "SELECT a FROM t WHERE b IN (" + "1, ".repeat(50) + "1)";

        assertThatThrownBy(() -> small.analyze(sql))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining(sql.length() + " characters")
                .hasMessageContaining("limit of 100");
    }

    @Test
    void deepNestingFailsFastInsteadOfBacktrackingForever() {
        // JSqlParser's complex grammar needs minutes for this; the simple grammar refuses it at once
        String sql = "SELECT " + "(".repeat(25) + "1" + ")".repeat(25) + " FROM t";
        long start = System.nanoTime();

        assertThatThrownBy(() -> ANALYZER.analyze(sql)).isInstanceOf(SqlSyntaxException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SqlAnalyzer.DEFAULT_TIMEOUT);
    }

    @Test
    void aChainOfThousandsOfConditionsFailsAsASyntaxErrorNotAStackOverflow() {
        String sql = "SELECT a FROM t WHERE " + "a = 1 OR ".repeat(20_000) + "a = 1";
        // a patient analyzer: on a loaded machine the parse may outrun the default 2 s before it nests too deep
        SqlAnalyzer patient = new SqlAnalyzer(SqlAnalyzer.DEFAULT_MAX_LENGTH, Duration.ofSeconds(60));

        assertThat(failure(patient, sql).getMessage()).isEqualTo("the statement nests too deeply to analyze");
    }

    @Test
    void aParseThatOutrunsTheTimeoutIsAbandoned() {
        // ten levels still go to the complex grammar, which needs about a second for them
        SqlAnalyzer impatient = new SqlAnalyzer(SqlAnalyzer.DEFAULT_MAX_LENGTH, Duration.ofMillis(20));
        String sql = "SELECT " + "(".repeat(10) + "1" + ")".repeat(10) + " FROM t WHERE 1 = ";

        assertThat(failure(impatient, sql).getMessage()).contains("longer than 20 ms");
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new SqlAnalyzer(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SqlAnalyzer(100, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
