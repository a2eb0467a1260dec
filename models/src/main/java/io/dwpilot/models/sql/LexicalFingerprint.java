package io.dwpilot.models.sql;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A fingerprint from the text alone, for statements the parser does not understand but PostgreSQL may: quoted
 * strings, dollar-quoted strings and numbers become {@code ?}, comments go, whitespace and case are folded. Coarser
 * than the parsed fingerprint, but stable across literal values, which is what grouping executions needs.
 */
public final class LexicalFingerprint {
    private static final Pattern LINE_COMMENT = Pattern.compile("--[^\\n]*");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern DOLLAR_STRING = Pattern.compile("\\$([A-Za-z_]*)\\$.*?\\$\\1\\$", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w$])[-+]?\\d+(?:\\.\\d*)?(?:[eE][-+]?\\d+)?\\b");
    private static final Pattern IN_LIST = Pattern.compile("\\(\\s*\\?(?:\\s*,\\s*\\?)+\\s*\\)");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private LexicalFingerprint() {
    }

    public static Fingerprint of(String sql) {
        String text = BLOCK_COMMENT.matcher(sql).replaceAll(" ");
        text = LINE_COMMENT.matcher(text).replaceAll(" ");
        text = DOLLAR_STRING.matcher(text).replaceAll("?");
        text = STRING.matcher(text).replaceAll("?");
        text = NUMBER.matcher(text).replaceAll("?");
        text = IN_LIST.matcher(text).replaceAll("(?)");
        text = SPACE.matcher(text).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return Fingerprint.of(text);
    }
}
