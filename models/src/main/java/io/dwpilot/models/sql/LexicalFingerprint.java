package io.dwpilot.models.sql;

import io.dwpilot.models.sql.lexer.SqlLexer;
import io.dwpilot.models.sql.lexer.SqlToken;
import io.dwpilot.models.sql.lexer.SqlToken.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A fingerprint from the text alone, for statements the parser does not understand but PostgreSQL may: strings of
 * every quoting, dollar-quoted bodies and numbers (with a sign that is not subtraction) become {@code ?}, a
 * parenthesized list of them {@code (?)}, comments go, whitespace folds to one space, unquoted names and keywords
 * to lower case (quoted names keep theirs: PostgreSQL tells them apart), trailing semicolons go. Coarser than the
 * parsed fingerprint, but stable across literal values, which is what grouping executions needs. Built on
 * {@link SqlLexer}'s tokens, so it takes linear time whatever the literals, and never fails: text PostgreSQL would
 * reject as unterminated is fingerprinted as if it ended there.
 */
public final class LexicalFingerprint {
    private static final String MASK = "?";

    /** A piece of the normalized text, and whether a space goes before it. */
    private record Piece(String text, Type type, boolean spaced) {}

    private LexicalFingerprint() {}

    public static Fingerprint of(String sql) {
        List<Piece> pieces = new ArrayList<>();
        boolean spaced = false;
        for (SqlToken token : SqlLexer.tokenizeLeniently(sql)) {
            if (token.type().isTrivia()) {
                spaced = !pieces.isEmpty();
            } else {
                add(pieces, token, sql, spaced);
                spaced = false;
            }
        }
        while (!pieces.isEmpty() && pieces.get(pieces.size() - 1).type() == Type.SEMICOLON) {
            pieces.remove(pieces.size() - 1);
        }
        return Fingerprint.of(joined(foldLists(pieces)));
    }

    private static void add(List<Piece> pieces, SqlToken token, String sql, boolean spaced) {
        Type type = token.type();
        if (type == Type.NUMBER && isSign(pieces, spaced)) {
            Piece sign = pieces.remove(pieces.size() - 1);
            pieces.add(new Piece(MASK, type, sign.spaced()));
        } else if (type == Type.NUMBER || type.isString()) {
            pieces.add(new Piece(MASK, type, spaced));
        } else if (type == Type.IDENTIFIER) {
            pieces.add(new Piece(token.foldedText(sql), type, spaced));
        } else {
            pieces.add(new Piece(token.text(sql), type, spaced));
        }
    }

    /** A + or - right before a number, where no operand precedes it: {@code > -5}, {@code (-5}, not {@code 3 - 1}. */
    private static boolean isSign(List<Piece> pieces, boolean spacedNumber) {
        int last = pieces.size() - 1;
        if (spacedNumber
                || last < 0
                || pieces.get(last).type() != Type.OPERATOR
                || !(pieces.get(last).text().equals("-")
                        || pieces.get(last).text().equals("+"))) {
            return false;
        }
        return last == 0 || !isOperand(pieces.get(last - 1));
    }

    private static boolean isOperand(Piece piece) {
        return switch (piece.type()) {
            case OPERATOR, LEFT_PAREN, COMMA, SEMICOLON -> false;
            case PUNCTUATION -> piece.text().equals("]");
            default -> true;
        };
    }

    /** {@code (?, ?, ?)} and {@code ( ? )} become {@code (?)}, so IN lists of any length look alike. */
    private static List<Piece> foldLists(List<Piece> pieces) {
        List<Piece> folded = new ArrayList<>(pieces.size());
        int i = 0;
        while (i < pieces.size()) {
            int end = endOfMaskList(pieces, i);
            if (end < 0) {
                folded.add(pieces.get(i++));
            } else {
                Piece open = pieces.get(i);
                folded.add(open);
                folded.add(new Piece(MASK, Type.STRING, false));
                folded.add(new Piece(")", Type.RIGHT_PAREN, false));
                i = end + 1;
            }
        }
        return folded;
    }

    /** The index of the ) closing a list of masks opened at {@code open}, or -1. */
    private static int endOfMaskList(List<Piece> pieces, int open) {
        if (pieces.get(open).type() != Type.LEFT_PAREN) {
            return -1;
        }
        int i = open + 1;
        while (i < pieces.size() && pieces.get(i).text().equals(MASK)) {
            i++;
            if (i < pieces.size() && pieces.get(i).type() == Type.RIGHT_PAREN) {
                return i;
            }
            if (i >= pieces.size() || pieces.get(i).type() != Type.COMMA) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    private static String joined(List<Piece> pieces) {
        StringBuilder text = new StringBuilder();
        for (Piece piece : pieces) {
            if (piece.spaced() && !text.isEmpty()) {
                text.append(' ');
            }
            text.append(piece.text());
        }
        return text.toString();
    }
}
