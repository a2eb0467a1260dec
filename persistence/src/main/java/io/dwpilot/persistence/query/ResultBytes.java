package io.dwpilot.persistence.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * The size a result counts against its byte cap: about what its values take in the API's JSON. Text counts its UTF-8
 * length, bytea its base64 length, arrays their elements, an arbitrary-precision number its digits; other numbers,
 * booleans, dates and times a fixed size. Escapes and punctuation are left out: the cap bounds what the server holds
 * and sends, it does not have to match the response to the byte.
 */
final class ResultBytes {
    static final long FIXED = 8;
    static final long TEMPORAL = 32;

    private ResultBytes() {}

    static long ofRow(List<Object> row) {
        long bytes = 0;
        for (Object value : row) {
            bytes += of(value);
        }
        return bytes;
    }

    static long of(Object value) {
        if (value == null || value instanceof Boolean) {
            return FIXED;
        }
        if (value instanceof String text) {
            return utf8Length(text);
        }
        if (value instanceof byte[] bytes) {
            return 4L * ((bytes.length + 2) / 3);
        }
        if (value instanceof List<?> elements) {
            long bytes = 0;
            for (Object element : elements) {
                bytes += of(element);
            }
            return bytes;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.precision() + FIXED;
        }
        if (value instanceof BigInteger integer) {
            return integer.bitLength() / 3 + FIXED; // a decimal digit holds about 3.3 bits
        }
        if (value instanceof Number) {
            return FIXED;
        }
        if (value instanceof java.time.temporal.Temporal) {
            return TEMPORAL;
        }
        return utf8Length(value.toString());
    }

    private static long utf8Length(String text) {
        long bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x800 && !Character.isSurrogate(c)) {
                bytes += 2;
            } else if (c >= 0x80) {
                bytes += 1; // two bytes, or half of a four-byte pair
            }
        }
        return bytes;
    }
}
