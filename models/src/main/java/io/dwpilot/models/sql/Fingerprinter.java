package io.dwpilot.models.sql;

import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.util.deparser.StatementDeParser;

/**
 * Prints a parsed statement with its constants masked ({@link LiteralMaskingDeParser}), then puts everything
 * outside quotes in lower case and collapses whitespace: printing from the tree already drops comments and the
 * original layout, so only the query's shape is left.
 */
final class Fingerprinter {
    private Fingerprinter() {}

    static Fingerprint fingerprint(Statement statement) {
        StringBuilder text = new StringBuilder();
        LiteralMaskingDeParser expressions = new LiteralMaskingDeParser();
        PositionKeepingSelectDeParser selects = new PositionKeepingSelectDeParser(expressions, text);
        expressions.setSelectVisitor(selects);
        expressions.setBuilder(text);
        statement.accept(new StatementDeParser(expressions, selects, text), null);
        return Fingerprint.of(canonical(text));
    }

    /**
     * Lower case and single spaces outside quotes. Quoted identifiers keep their case (it is significant), and so
     * does any string literal the masking did not reach, such as a column default in DDL.
     */
    private static String canonical(CharSequence sql) {
        StringBuilder out = new StringBuilder(sql.length());
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
            } else if (Character.isWhitespace(c)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString().strip();
    }
}
