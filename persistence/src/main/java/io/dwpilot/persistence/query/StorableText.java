package io.dwpilot.persistence.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Text as PostgreSQL can store it: text and jsonb cannot hold NUL, and UTF-8 cannot encode a lone UTF-16 surrogate
 * (Java's encoder would write '?' without a word). Both become U+FFFD, counted, so that the change can be told.
 */
record StorableText(String text, int nulCharacters, int unpairedSurrogates) {
    static final char REPLACEMENT = '\uFFFD';

    static StorableText of(String value) {
        int nuls = 0;
        int surrogates = 0;
        StringBuilder out = null; // only a text that needs it is copied: query texts can be long
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            boolean nul = c == '\0';
            boolean lone = !pair && Character.isSurrogate(c);
            if (nul || lone) {
                if (out == null) {
                    out = new StringBuilder(value.length()).append(value, 0, i);
                }
                out.append(REPLACEMENT);
                nuls += nul ? 1 : 0;
                surrogates += lone ? 1 : 0;
            } else if (out != null) {
                out.append(c);
            }
            if (pair) {
                if (out != null) {
                    out.append(value.charAt(i + 1));
                }
                i++;
            }
        }
        return new StorableText(out == null ? value : out.toString(), nuls, surrogates);
    }

    boolean changed() {
        return nulCharacters + unpairedSurrogates > 0;
    }

    /** "2 NUL characters and 1 unpaired surrogate replaced by U+FFFD", for the given counts. */
    static String describe(int nulCharacters, int unpairedSurrogates) {
        List<String> parts = new ArrayList<>(2);
        if (nulCharacters > 0) {
            parts.add(nulCharacters + (nulCharacters == 1 ? " NUL character" : " NUL characters"));
        }
        if (unpairedSurrogates > 0) {
            parts.add(unpairedSurrogates + (unpairedSurrogates == 1 ? " unpaired surrogate" : " unpaired surrogates"));
        }
        return String.join(" and ", parts) + " replaced by U+FFFD";
    }
}
