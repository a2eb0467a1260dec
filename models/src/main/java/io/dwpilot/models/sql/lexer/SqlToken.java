package io.dwpilot.models.sql.lexer;

/**
 * One token of a SQL text: its kind and its span {@code [start, end)} in the text (UTF-16 indexes, as
 * {@link String#substring(int, int)} takes them). The tokens of a text cover it without gaps, whitespace and comments
 * included, so joining their texts gives the text back.
 */
public record SqlToken(Type type, int start, int end) {

    /** The kinds of tokens, after PostgreSQL's scanner ({@code src/backend/parser/scan.l}). */
    public enum Type {
        /** Spaces, tabs, line breaks, form and vertical feeds. */
        WHITESPACE,
        /** {@code -- ...} up to the end of the line. */
        LINE_COMMENT,
        /** {@code /* ... *}{@code /}, nesting. */
        BLOCK_COMMENT,
        /** A keyword or an unquoted name: PostgreSQL tells them apart only in its grammar. */
        IDENTIFIER,
        /** {@code "..."} */
        QUOTED_IDENTIFIER,
        /** {@code U&"..."} */
        UNICODE_IDENTIFIER,
        /** {@code '...'}, and its continuation over a line break ({@code 'a'\n'b'} is one string). */
        STRING,
        /** {@code E'...'}, with backslash escapes. */
        ESCAPE_STRING,
        /** {@code U&'...'}; a following {@code UESCAPE '!'} is tokens of its own. */
        UNICODE_STRING,
        /** {@code N'...'} */
        NATIONAL_STRING,
        /** {@code B'...'} */
        BIT_STRING,
        /** {@code X'...'} */
        HEX_STRING,
        /** {@code $$...$$} or {@code $tag$...$tag$} */
        DOLLAR_STRING,
        /** An integer or decimal number, with what PostgreSQL would reject as trailing junk ({@code 12abc}). */
        NUMBER,
        /** A positional parameter, {@code $1}. */
        PARAMETER,
        /** An operator ({@code +}, {@code <=}, {@code @>}, ...) or {@code ::}, {@code ..}, {@code :=}. */
        OPERATOR,
        LEFT_PAREN,
        RIGHT_PAREN,
        COMMA,
        SEMICOLON,
        /** {@code [}, {@code ]}, {@code .} or {@code :}. */
        PUNCTUATION,
        /** A character no rule takes, such as a lone {@code $} or {@code \}; PostgreSQL's grammar rejects it. */
        OTHER;

        /** Whitespace and comments, which separate tokens and mean nothing else. */
        public boolean isTrivia() {
            return this == WHITESPACE || this == LINE_COMMENT || this == BLOCK_COMMENT;
        }

        /** A constant string of any of the quoting forms. */
        public boolean isString() {
            return switch (this) {
                case STRING, ESCAPE_STRING, UNICODE_STRING, NATIONAL_STRING, BIT_STRING, HEX_STRING, DOLLAR_STRING ->
                    true;
                default -> false;
            };
        }
    }

    public SqlToken {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a token spans at least one character: [" + start + ", " + end + ")");
        }
    }

    /** This token's text in the text it was read from. */
    public String text(String sql) {
        return sql.substring(start, end);
    }

    /** This token's text with its ASCII letters in lower case, as PostgreSQL folds unquoted keywords and names. */
    public String foldedText(String sql) {
        return SqlChars.asciiLower(text(sql));
    }

    /**
     * True for an unquoted keyword or name spelled {@code word} in any case of its ASCII letters, as PostgreSQL
     * folds them ({@code word} is given in lower case; {@code ſelect} is not {@code select}).
     */
    public boolean isWord(String sql, String word) {
        if (type != Type.IDENTIFIER || end - start != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (SqlChars.asciiLower(sql.charAt(start + i)) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
