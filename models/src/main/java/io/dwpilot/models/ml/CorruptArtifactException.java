package io.dwpilot.models.ml;

/** A model artifact that cannot be read back: wrong format, other version, truncated, or a checksum that fails. */
public final class CorruptArtifactException extends IllegalArgumentException {
    public CorruptArtifactException(String message) {
        super(message);
    }

    public CorruptArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
