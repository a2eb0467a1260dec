package io.dwpilot.models.sql.lexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dwpilot.models.sql.SqlSyntaxException;
import io.dwpilot.models.sql.lexer.SqlToken.Type;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlLexerTest {

    /** The tokens that mean something, as TYPE:text. */
    private static List<String> tokens(String sql) {
        List<SqlToken> tokens = SqlLexer.tokenize(sql);
        assertThat(tokens.stream().map(t -> t.text(sql)).collect(Collectors.joining()))
                .as("tokens cover the text")
                .isEqualTo(sql);
        return tokens.stream()
                .filter(t -> !t.type().isTrivia())
                .map(t -> t.type() + ":" + t.text(sql))
                .toList();
    }

    private static List<String> allTokens(String sql) {
        return SqlLexer.tokenize(sql).stream()
                .map(t -> t.type() + ":" + t.text(sql))
                .toList();
    }

    private static SqlSyntaxException failure(String sql) {
        SqlSyntaxException e = catchThrowableOfType(SqlSyntaxException.class, () -> SqlLexer.tokenize(sql));
        assertThat(e).as("tokenizing %s fails", sql).isNotNull();
        return e;
    }

    @Test
    void whitespaceAndCommentsAreTokensToo() {
        assertThat(allTokens("a -- b\n/* c */\td"))
                .containsExactly(
                        "IDENTIFIER:a",
                        "WHITESPACE: ",
                        "LINE_COMMENT:-- b",
                        "WHITESPACE:\n",
                        "BLOCK_COMMENT:/* c */",
                        "WHITESPACE:\t",
                        "IDENTIFIER:d");
        assertThat(allTokens("a\r--b\rc"))
                .containsExactly("IDENTIFIER:a", "WHITESPACE:\r", "LINE_COMMENT:--b", "WHITESPACE:\r", "IDENTIFIER:c");
        assertThat(allTokens("1 -- to the end"))
                .containsExactly("NUMBER:1", "WHITESPACE: ", "LINE_COMMENT:-- to the end");
    }

    @Test
    void blockCommentsNest() {
        assertThat(tokens("/* a /* b */ c */ d")).containsExactly("IDENTIFIER:d");
        assertThat(allTokens("/* a /* b */ c */")).containsExactly("BLOCK_COMMENT:/* a /* b */ c */");
        // the star of the opening /* cannot also close it, and **/ closes
        assertThat(allTokens("/*/ x **/")).containsExactly("BLOCK_COMMENT:/*/ x **/");
        assertThat(tokens("/* a */* b")).containsExactly("OPERATOR:*", "IDENTIFIER:b");
    }

    @Test
    void standardStringsDoubleTheirQuotesAndKeepBackslashes() {
        assertThat(tokens("'it''s' x")).containsExactly("STRING:'it''s'", "IDENTIFIER:x");
        assertThat(tokens("'\\' x")).containsExactly("STRING:'\\'", "IDENTIFIER:x");
        assertThat(tokens("''''")).containsExactly("STRING:''''");
    }

    @Test
    void stringsContinueOverALineBreak() {
        assertThat(tokens("'a'\n'b'")).containsExactly("STRING:'a'\n'b'");
        assertThat(tokens("'a'  -- note\n  'b'")).containsExactly("STRING:'a'  -- note\n  'b'");
        assertThat(tokens("'a'\n-- note\n'b'")).containsExactly("STRING:'a'\n-- note\n'b'");
        // without a line break, or across a block comment, they are two strings (and a syntax error)
        assertThat(tokens("'a' 'b'")).containsExactly("STRING:'a'", "STRING:'b'");
        assertThat(tokens("'a' /* c */\n'b'")).containsExactly("STRING:'a'", "STRING:'b'");
        // the continuation is read as the string it continues: here with backslash escapes
        assertThat(tokens("E'a'\n'\\'' x")).containsExactly("ESCAPE_STRING:E'a'\n'\\''", "IDENTIFIER:x");
    }

    @Test
    void escapeStringsTakeBackslashEscapes() {
        assertThat(tokens("E'\\'' x")).containsExactly("ESCAPE_STRING:E'\\''", "IDENTIFIER:x");
        assertThat(tokens("e'\\\\' x")).containsExactly("ESCAPE_STRING:e'\\\\'", "IDENTIFIER:x");
        assertThat(tokens("E'a''b\\n'")).containsExactly("ESCAPE_STRING:E'a''b\\n'");
        // a name ending in e is a name: somee'x' is a name and a string
        assertThat(tokens("somee'\\'")).containsExactly("IDENTIFIER:somee", "STRING:'\\'");
    }

    @Test
    void unicodeStringsAndNames() {
        assertThat(tokens("U&'d\\0061t\\+000061'")).containsExactly("UNICODE_STRING:U&'d\\0061t\\+000061'");
        assertThat(tokens("u&'d!0061t' UESCAPE '!'"))
                .containsExactly("UNICODE_STRING:u&'d!0061t'", "IDENTIFIER:UESCAPE", "STRING:'!'");
        assertThat(tokens("U&'\\' x")).containsExactly("UNICODE_STRING:U&'\\'", "IDENTIFIER:x");
        assertThat(tokens("U&\"d\\0061t\"")).containsExactly("UNICODE_IDENTIFIER:U&\"d\\0061t\"");
        assertThat(tokens("u&x")).containsExactly("IDENTIFIER:u", "OPERATOR:&", "IDENTIFIER:x");
    }

    @Test
    void bitHexAndNationalStrings() {
        assertThat(tokens("B'101' X'1F' N'\\'"))
                .containsExactly("BIT_STRING:B'101'", "HEX_STRING:X'1F'", "NATIONAL_STRING:N'\\'");
        // bit and hex strings end at their first quote: no doubling
        assertThat(tokens("b'1''0'")).containsExactly("BIT_STRING:b'1'", "STRING:'0'");
        assertThat(tokens("x'1'\n'0'")).containsExactly("HEX_STRING:x'1'\n'0'");
    }

    @Test
    void dollarQuotesCloseOnlyWithTheirOwnTag() {
        assertThat(tokens("$$ a ; ' \" $$")).containsExactly("DOLLAR_STRING:$$ a ; ' \" $$");
        assertThat(tokens("$a$ $b$ ; $A$ $a$ x")).containsExactly("DOLLAR_STRING:$a$ $b$ ; $A$ $a$", "IDENTIFIER:x");
        assertThat(tokens("$tag$x$tagx$tag$")).containsExactly("DOLLAR_STRING:$tag$x$tagx$tag$");
        assertThat(tokens("$_1$ $$ $_1$")).containsExactly("DOLLAR_STRING:$_1$ $$ $_1$");
        assertThat(tokens("$é$ x $é$")).containsExactly("DOLLAR_STRING:$é$ x $é$");
    }

    @Test
    void aDollarAfterNameCharactersBelongsToTheName() {
        assertThat(tokens("a$b x$$y $$z$$"))
                .containsExactly("IDENTIFIER:a$b", "IDENTIFIER:x$$y", "DOLLAR_STRING:$$z$$");
        // not after a number: 1$$x$$ is a number and a dollar quote
        assertThat(tokens("1$$x$$")).containsExactly("NUMBER:1", "DOLLAR_STRING:$$x$$");
    }

    @Test
    void dollarsThatQuoteNothing() {
        assertThat(tokens("$1 $23")).containsExactly("PARAMETER:$1", "PARAMETER:$23");
        assertThat(tokens("$1$$x$$")).containsExactly("PARAMETER:$1", "DOLLAR_STRING:$$x$$");
        // a tag without its closing $ is a lone $ and a name, whose own $ belongs to it
        assertThat(tokens("$abc def$")).containsExactly("OTHER:$", "IDENTIFIER:abc", "IDENTIFIER:def$");
        assertThat(tokens("$ 1")).containsExactly("OTHER:$", "NUMBER:1");
        // a tag cannot start with a digit
        assertThat(tokens("$1a$ x")).containsExactly("PARAMETER:$1a$", "IDENTIFIER:x");
    }

    @Test
    void quotedNamesDoubleTheirQuotes() {
        assertThat(tokens("\"a;\"\"b\" x")).containsExactly("QUOTED_IDENTIFIER:\"a;\"\"b\"", "IDENTIFIER:x");
        assertThat(tokens("\"\"\"\"")).containsExactly("QUOTED_IDENTIFIER:\"\"\"\"");
        assertThat(tokens("\"it's\" '\"'")).containsExactly("QUOTED_IDENTIFIER:\"it's\"", "STRING:'\"'");
    }

    @Test
    void namesTakeLettersDigitsUnderscoresDollarsAndAnythingNonAscii() {
        assertThat(tokens("_a1 é€ Ünïcödé")).containsExactly("IDENTIFIER:_a1", "IDENTIFIER:é€", "IDENTIFIER:Ünïcödé");
        // a no-break space is not whitespace to PostgreSQL
        assertThat(tokens("a\u00a0b")).containsExactly("IDENTIFIER:a\u00a0b");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1|NUMBER:1",
                "1.5|NUMBER:1.5",
                ".5|NUMBER:.5",
                "1.|NUMBER:1.",
                "1e10|NUMBER:1e10",
                "1.5E-3|NUMBER:1.5E-3",
                "0x1F|NUMBER:0x1F",
                "0o17|NUMBER:0o17",
                "0b101|NUMBER:0b101",
                "1_000_000|NUMBER:1_000_000",
                "12abc|NUMBER:12abc",
                "1..10|NUMBER:1,OPERATOR:..,NUMBER:10",
                "1.5.5|NUMBER:1.5,NUMBER:.5",
                "1e+|NUMBER:1e,OPERATOR:+",
                "a.5|IDENTIFIER:a,NUMBER:.5",
            })
    void numbers(String sql, String expected) {
        assertThat(tokens(sql)).containsExactly(expected.split(","));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "a::int|IDENTIFIER:a,OPERATOR:::,IDENTIFIER:int",
                "a<=b|IDENTIFIER:a,OPERATOR:<=,IDENTIFIER:b",
                "a<>b|IDENTIFIER:a,OPERATOR:<>,IDENTIFIER:b",
                "a=-1|IDENTIFIER:a,OPERATOR:=,OPERATOR:-,NUMBER:1",
                "a?-b|IDENTIFIER:a,OPERATOR:?-,IDENTIFIER:b",
                "a@-b|IDENTIFIER:a,OPERATOR:@-,IDENTIFIER:b",
                "a+/*c*/b|IDENTIFIER:a,OPERATOR:+,IDENTIFIER:b",
                "a@--c|IDENTIFIER:a,OPERATOR:@",
                "a:=1|IDENTIFIER:a,OPERATOR::=,NUMBER:1",
                "a[1:2]|IDENTIFIER:a,PUNCTUATION:[,NUMBER:1,PUNCTUATION::,NUMBER:2,PUNCTUATION:]",
                "t.a|IDENTIFIER:t,PUNCTUATION:.,IDENTIFIER:a",
                "f(a;b)|IDENTIFIER:f,LEFT_PAREN:(,IDENTIFIER:a,SEMICOLON:;,IDENTIFIER:b,RIGHT_PAREN:)",
                "\\|OTHER:\\",
            })
    void operatorsAndPunctuation(String sql, String expected) {
        assertThat(tokens(sql)).containsExactly(expected.split(","));
    }

    @Test
    void unterminatedFormsAreErrorsWordedAsPostgresWordsThem() {
        assertError("SELECT 'abc", "unterminated quoted string at or near \"'abc\"", 8);
        assertError("SELECT E'abc\\'", "unterminated quoted string at or near \"E'abc\\'\"", 8);
        assertError("SELECT E'abc\\", "unterminated quoted string at or near \"E'abc\\\"", 8);
        assertError("SELECT 'a'\n'b", "unterminated quoted string at or near \"'a'\n'b\"", 8);
        assertError("SELECT N'abc", "unterminated quoted string at or near \"'abc\"", 9);
        assertError("SELECT u&'abc", "unterminated quoted string at or near \"u&'abc\"", 8);
        assertError("SELECT B'01", "unterminated bit string literal at or near \"B'01\"", 8);
        assertError("SELECT X'0F", "unterminated hexadecimal string literal at or near \"X'0F\"", 8);
        assertError("SELECT 1 /* a /* b */", "unterminated /* comment at or near \"/* a /* b */\"", 10);
        assertError("SELECT $x$ abc $X$", "unterminated dollar-quoted string at or near \"$x$ abc $X$\"", 8);
        assertError("SELECT \"abc", "unterminated quoted identifier at or near \"\"abc\"", 8);
        assertError("SELECT U&\"abc", "unterminated quoted identifier at or near \"U&\"abc\"", 8);
        // PostgreSQL quotes the text up to where its scanner stands: here the closing quote
        assertError("SELECT \"\" FROM t", "zero-length delimited identifier at or near \"\"\"\"", 8);
        assertError("SELECT U&\"\" FROM t", "zero-length delimited identifier at or near \"U&\"\"\"", 8);
    }

    @Test
    void positionsCountCharactersNotUtf16Units() {
        // as PostgreSQL counts: the emoji is one character
        assertError("SELECT '😀', 'x", "unterminated quoted string at or near \"'x\"", 13);
    }

    @Test
    void theErrorQuotesTheStartOfALongRest() {
        SqlSyntaxException e = failure("SELECT '" + "x".repeat(1000));

        assertThat(e.getMessage()).isEqualTo("unterminated quoted string at or near \"'" + "x".repeat(39) + "...\"");
    }

    @Test
    void leniently_theUnterminatedRunsToTheEnd() {
        String sql = "SELECT a, 'abc; DROP";
        List<SqlToken> tokens = SqlLexer.tokenizeLeniently(sql);

        assertThat(tokens.get(tokens.size() - 1)).isEqualTo(new SqlToken(Type.STRING, 10, sql.length()));
        assertThat(SqlLexer.tokenizeLeniently("/* a").get(0).type()).isEqualTo(Type.BLOCK_COMMENT);
        assertThat(SqlLexer.tokenizeLeniently("\"\"").get(0).type()).isEqualTo(Type.QUOTED_IDENTIFIER);
    }

    @Test
    void aMegabyteLiteralIsOneTokenInLinearTime() {
        String body = "x'';\\".repeat(200_000);
        List<String> texts = List.of(
                "SELECT '" + body + "'",
                "SELECT $q$" + body + "$q$",
                "SELECT E'" + "\\'".repeat(500_000) + "'",
                "SELECT /*" + body + "*/ 1",
                "SELECT \"" + body.replace('\'', '"') + "\"");
        for (String sql : texts) {
            long start = System.nanoTime();
            List<SqlToken> tokens = SqlLexer.tokenize(sql);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(tokens).hasSizeLessThanOrEqualTo(5);
            assertThat(tokens.get(tokens.size() - 1).end()).isEqualTo(sql.length());
        }
    }

    @Test
    void deeplyNestedCommentsNeedNoStack() {
        String sql = "/*".repeat(200_000) + " ; " + "*/".repeat(200_000) + " x";

        assertThat(tokens(sql)).containsExactly("IDENTIFIER:x");
        assertError(
                "/*".repeat(200_000) + "*/".repeat(199_999),
                "unterminated /* comment at or near \"" + "/*".repeat(20) + "...\"",
                1);
    }

    private static void assertError(String sql, String message, int position) {
        SqlSyntaxException e = failure(sql);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.position()).hasValue(position);
    }
}
