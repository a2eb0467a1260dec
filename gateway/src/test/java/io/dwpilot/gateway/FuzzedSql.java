package io.dwpilot.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Texts of one to four SELECT statements built from the pieces PostgreSQL's scanner reads specially, each kind of
 * string, quoted name, dollar quote and comment, holding the characters that end or fake the others ({@code ;}
 * {@code '} {@code $} {@code \} {@code --} {@code /*} {@code *}{@code /} {@code "}, non-ASCII), glued with comments
 * and semicolons; then some are cut short or have a character inserted or dropped, which makes unterminated and
 * misquoted forms. Deterministic for a seed.
 */
final class FuzzedSql {
    /** A text and the kinds of pieces it was built from. */
    record Text(String sql, List<String> pieces) {}

    private static final String[] TEXT_CHARS = {
        "a", "Z", " ", ";", "$", "$$", "--", "/*", "*/", "\"", "é", "😀", "\n", "$x$", "e", "U&", ":", "(", ")", "ß"
    };
    private static final String[] NAME_CHARS = {
        "a", "Z", " ", ";", "$", "$$", "--", "/*", "*/", "'", "é", "😀", "\n", "$x$", "\\", "\"\""
    };
    private static final String[] COMMENT_CHARS = {
        "a", " ", ";", "'", "''", "$", "$$", "--", "\"", "é", "😀", "\n", "$x$", "\\", "* ", " /", "E'"
    };
    private static final String[] ESCAPES = {
        "\\\\", "\\'", "''", "\\n", "\\x41", "\\101", "\\u00e9", "\\U0001F600", "\\;", "\\\"", "\\$"
    };
    private static final String[] DOLLAR_TAGS = {"", "a", "tag", "_1", "é", "A"};
    private static final String[] STATEMENT_ENDS = {";", " ; ", ";\n", ";;", "; -- c;'\n", "/* ; */;", ";\r\n"};
    private static final String[] TEXT_ENDS = {"", "", ";", "; -- tail'", " -- tail;", ";\n/* t */", ";;  "};
    private static final String[] INSERTIONS = {"'", "\"", "$", "\\", ";", "/*", "*/", "--", "\n", "$$", "E'", "$a$"};

    private final Random random;
    private final List<String> pieces = new ArrayList<>();

    FuzzedSql(long seed) {
        this.random = new Random(seed);
    }

    Text next() {
        pieces.clear();
        StringBuilder sql = new StringBuilder();
        if (random.nextInt(5) == 0) {
            sql.append(comment()).append(random.nextBoolean() ? ";" : " ");
        }
        int statements = 1 + random.nextInt(4);
        for (int i = 0; i < statements; i++) {
            if (i > 0) {
                sql.append(pick(STATEMENT_ENDS));
            }
            sql.append(statement());
        }
        sql.append(pick(TEXT_ENDS));
        return new Text(mutated(sql.toString()), List.copyOf(pieces));
    }

    private String statement() {
        StringBuilder select = new StringBuilder(random.nextInt(8) == 0 ? "select" : "SELECT");
        int expressions = 1 + random.nextInt(4);
        for (int i = 0; i < expressions; i++) {
            select.append(i == 0 ? " " : ", ");
            if (random.nextInt(4) == 0) {
                select.append(comment()).append(' ');
            }
            select.append(expression());
        }
        return select.toString();
    }

    private String expression() {
        List<Supplier<String>> kinds = List.of(
                () -> piece("standard string", "'" + body(TEXT_CHARS, "''", "\\") + "'"),
                () -> piece("escape string", (random.nextBoolean() ? "E'" : "e'") + body(TEXT_CHARS, ESCAPES) + "'"),
                this::unicodeString,
                () -> piece("national string", "N'" + body(TEXT_CHARS, "''", "\\") + "'"),
                () -> piece("bit string", "B'" + chars("01") + "'"),
                () -> piece("hex string", "X'" + chars("0123456789abcdefABCDEF") + "'"),
                this::dollarString,
                this::continuedString,
                () -> piece("quoted name", "1 AS \"" + nonEmpty(body(NAME_CHARS)) + "\""),
                () -> piece("unicode name", "2 AS U&\"d\\0061t" + body(new String[] {"a", "\\00e9", ";", "''"}) + "\""),
                () -> piece("name with $", "3 AS " + pick("a$b", "x$$y", "é$", "_$1", "z$$", "q$x$")),
                this::numberOrParameter,
                () -> piece(
                        "operator",
                        pick(
                                "1 +/*c;*/ 2",
                                "1 - -2",
                                "2 --c;\n- 1",
                                "(1)",
                                "'1'::int",
                                "1<>2",
                                "2 *-- x\n 3",
                                "ARRAY[1,2][1:1]")));
        return kinds.get(random.nextInt(kinds.size())).get();
    }

    /** Numbers in PostgreSQL 16's forms too; parameters, which fail in a text with no values for them, rarely. */
    private String numberOrParameter() {
        return random.nextInt(4) == 0
                ? piece("parameter", pick("$1", "$2", "$1::text", "$1a"))
                : piece("number", pick("1", "1.5", ".5e3", "1e-2", "42", "0x1F", "1_000", "1..2", "12abc"));
    }

    private String unicodeString() {
        if (random.nextBoolean()) {
            return piece("unicode string", "U&'" + body(TEXT_CHARS, "\\0061", "\\+000061", "\\\\", "''") + "'");
        }
        return piece(
                "unicode string",
                "u&'" + body(TEXT_CHARS, "!0061", "!+000061", "!!", "''", "\\") + "'" + " UESCAPE '!'");
    }

    /** A dollar quote whose body holds other tags, lone dollars and dollars glued to names, but not its own tag. */
    private String dollarString() {
        String delimiter = "$" + pick(DOLLAR_TAGS) + "$";
        StringBuilder body = new StringBuilder();
        int fragments = random.nextInt(6);
        for (int i = 0; i < fragments; i++) {
            String fragment = pick(pick(TEXT_CHARS), "'", "\\", "$a$", "$b$", "$ta", "$tag", "x$", "$1", "$A$");
            if ((body + fragment + delimiter).indexOf(delimiter) == body.length() + fragment.length()) {
                body.append(fragment);
            }
        }
        return piece("dollar string", delimiter + body + delimiter);
    }

    /**
     * Two strings with whitespace holding a line break between are one; without the break, or across a block
     * comment, they are two (and a syntax error). The second part of an E string takes escapes too.
     */
    private String continuedString() {
        String between = random.nextInt(5) == 0
                ? pick(" ", "/* c */\n", "\t")
                : pick("\n", " \n ", " -- c;'\n", "\n-- x\n  ", "\r\n", "\n\n");
        String first = "'" + body(TEXT_CHARS, "''") + "'";
        String second = "'" + body(TEXT_CHARS, "''", "\\") + "'";
        return piece(
                "continued string",
                random.nextBoolean()
                        ? first + between + second
                        : "E" + first + between + "'" + body(TEXT_CHARS, ESCAPES) + "'");
    }

    private String comment() {
        if (random.nextBoolean()) {
            return piece("line comment", "--" + body(new String[] {";", "'", "$$", "/*", "\"", "é", "a", " "}) + "\n");
        }
        String nested = random.nextInt(3) == 0 ? "/* " + body(COMMENT_CHARS) + " */" : "";
        return piece("block comment", "/*" + body(COMMENT_CHARS) + nested + body(COMMENT_CHARS) + "*/");
    }

    private String piece(String kind, String text) {
        pieces.add(kind);
        return text;
    }

    /** Up to six fragments drawn from the arrays and extra fragments given. */
    private String body(String[] common, String... extra) {
        StringBuilder body = new StringBuilder();
        int fragments = random.nextInt(7);
        for (int i = 0; i < fragments; i++) {
            body.append(extra.length > 0 && random.nextBoolean() ? pick(extra) : pick(common));
        }
        return body.toString();
    }

    private String nonEmpty(String text) {
        return text.isEmpty() ? "n" : text;
    }

    private String chars(String alphabet) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** A fifth are cut short, some get a character that opens or closes something inserted, some lose one. */
    private String mutated(String sql) {
        int roll = random.nextInt(100);
        if (roll < 20) {
            return sql.substring(0, boundary(sql));
        } else if (roll < 32) {
            int at = boundary(sql);
            return sql.substring(0, at) + pick(INSERTIONS) + sql.substring(at);
        } else if (roll < 40 && !sql.isEmpty()) {
            int at = boundary(sql);
            int after = at < sql.length() ? sql.offsetByCodePoints(at, 1) : at;
            return sql.substring(0, at) + sql.substring(after);
        }
        return sql;
    }

    /** A random index that does not split a surrogate pair. */
    private int boundary(String sql) {
        return sql.offsetByCodePoints(0, random.nextInt(sql.codePointCount(0, sql.length()) + 1));
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
