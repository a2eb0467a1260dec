package io.dwpilot.models.sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The shape of a statement: its text with literals and parameters replaced by {@code ?}, in one case and spacing.
 * Statements that differ only in constants share a fingerprint. {@code hash} is the first 16 hex digits of the
 * SHA-256 of the text: short enough for logs and keys, long enough that distinct shapes do not collide in practice.
 */
public record Fingerprint(String normalizedText, String hash) {
    private static final int HASH_HEX_DIGITS = 16;

    public Fingerprint {
        Objects.requireNonNull(normalizedText, "normalizedText");
        Objects.requireNonNull(hash, "hash");
    }

    public static Fingerprint of(String normalizedText) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(normalizedText.getBytes(StandardCharsets.UTF_8));
            return new Fingerprint(
                    normalizedText, HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
