package io.dwpilot.models.ml.nn;

import io.dwpilot.models.ml.CorruptArtifactException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The framing every model artifact shares, big-endian:
 *
 * <pre>
 *   int    magic           identifies the kind of artifact
 *   int    format version  of that kind's body
 *   ...    body            written by the kind's own code
 *   long   CRC32           of every byte before it
 * </pre>
 *
 * A reader checks the checksum first, then the magic and the version, then that the body is consumed exactly; any
 * failure, including a value the body's code rejects, is a {@link CorruptArtifactException}.
 */
public final class Artifacts {
    /** Counts in a body (layers, units, names) above this are taken as corruption, not allocated. */
    static final int MAX_COUNT = 1 << 20;
    private static final int TRAILER_BYTES = Long.BYTES;
    private static final int HEADER_BYTES = 2 * Integer.BYTES;

    private Artifacts() {
    }

    /** Writes one field group of a body. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a body back into its value. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(DataInputStream in) throws IOException;
    }

    public static byte[] write(int magic, int version, BodyWriter body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(magic);
            out.writeInt(version);
            body.write(out);
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    /**
     * Reads an artifact written by {@link #write} with the same magic and version.
     *
     * @param what names the kind in error messages, e.g. "dense network"
     * @throws CorruptArtifactException if anything is wrong
     */
    public static <T> T read(byte[] artifact, int magic, int version, String what, BodyReader<T> body) {
        Objects.requireNonNull(artifact, "artifact");
        if (artifact.length < HEADER_BYTES + TRAILER_BYTES) {
            throw new CorruptArtifactException(what + " artifact is truncated: " + artifact.length + " bytes");
        }
        int bodyEnd = artifact.length - TRAILER_BYTES;
        CRC32 crc = new CRC32();
        crc.update(artifact, 0, bodyEnd);
        if (crc.getValue() != ByteBuffer.wrap(artifact, bodyEnd, TRAILER_BYTES).getLong()) {
            throw new CorruptArtifactException(what + " artifact fails its CRC32 checksum");
        }
        ByteBuffer header = ByteBuffer.wrap(artifact, 0, HEADER_BYTES);
        int actualMagic = header.getInt();
        if (actualMagic != magic) {
            throw new CorruptArtifactException(String.format("not a %s artifact: magic 0x%08x, expected 0x%08x",
                    what, actualMagic, magic));
        }
        int actualVersion = header.getInt();
        if (actualVersion != version) {
            throw new CorruptArtifactException(what + " artifact has format version " + actualVersion
                    + ", this code reads " + version);
        }
        ByteArrayInputStream bytes = new ByteArrayInputStream(Arrays.copyOfRange(artifact, HEADER_BYTES, bodyEnd));
        try {
            T value = body.read(new DataInputStream(bytes));
            if (bytes.available() != 0) {
                throw new CorruptArtifactException(what + " artifact has " + bytes.available()
                        + " unexpected bytes after its body");
            }
            return value;
        } catch (CorruptArtifactException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new CorruptArtifactException(what + " artifact cannot be read: " + e.getMessage(), e);
        }
    }

    /** A count field of a body, checked to be in [0, {@value #MAX_COUNT}]. */
    public static int readCount(DataInputStream in, String what) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException(what + " count out of range: " + count);
        }
        return count;
    }

    /** A length-prefixed byte block (e.g. a nested artifact). */
    public static void writeBlock(DataOutputStream out, byte[] block) throws IOException {
        out.writeInt(block.length);
        out.write(block);
    }

    public static byte[] readBlock(DataInputStream in, String what) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IllegalArgumentException(what + " length out of range: " + length);
        }
        return in.readNBytes(length);
    }
}
