package io.dwpilot.models.ml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The frame every model artifact shares, big-endian:
 *
 * <pre>
 *   int     magic           names the kind of model, e.g. "DWNN"
 *   int     format version  of that kind's body
 *   int     body length     in bytes
 *   byte[]  body            written by the kind's own code
 *   int     CRC32           of every byte before it
 * </pre>
 *
 * <p>A reader checks the length first, so that a truncated artifact is reported as such; then the checksum, so that
 * a damaged header is reported as damage and a wrong magic or version means an intact artifact of another kind or
 * format; then the magic and the version; and finally that the kind's reader consumes the body exactly. Any failure,
 * including a value the kind's reader rejects with an {@link IllegalArgumentException}, is a
 * {@link CorruptArtifactException} naming the kind. Bodies go through {@link DataOutputStream}, which writes doubles
 * by their raw bits, so a round trip is bit-for-bit.
 */
public final class ArtifactFormat {
    private static final int HEADER_BYTES = 3 * Integer.BYTES;
    private static final int TRAILER_BYTES = Integer.BYTES;

    private ArtifactFormat() {}

    /** Writes the body of one kind of artifact. */
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
            ByteArrayOutputStream bodyBytes = new ByteArrayOutputStream();
            body.write(new DataOutputStream(bodyBytes));
            ByteArrayOutputStream frame = new ByteArrayOutputStream(HEADER_BYTES + bodyBytes.size() + TRAILER_BYTES);
            DataOutputStream out = new DataOutputStream(frame);
            out.writeInt(magic);
            out.writeInt(version);
            out.writeInt(bodyBytes.size());
            bodyBytes.writeTo(out);
            CRC32 crc = new CRC32();
            crc.update(frame.toByteArray());
            out.writeInt((int) crc.getValue());
            return frame.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    /**
     * Reads an artifact that {@link #write} framed with the same magic and version.
     *
     * @param what names the kind in error messages, e.g. "dense network"
     * @throws CorruptArtifactException if the bytes are not such an artifact, intact
     */
    public static <T> T read(byte[] artifact, int magic, int version, String what, BodyReader<T> body) {
        Objects.requireNonNull(artifact, "artifact");
        if (artifact.length < HEADER_BYTES + TRAILER_BYTES) {
            throw new CorruptArtifactException(
                    what + " artifact is truncated: " + artifact.length + " bytes, less than an empty frame");
        }
        ByteBuffer frame = ByteBuffer.wrap(artifact);
        int foundMagic = frame.getInt();
        int foundVersion = frame.getInt();
        int bodyLength = frame.getInt();
        int bodyBytesHeld = artifact.length - HEADER_BYTES - TRAILER_BYTES;
        if (bodyLength != bodyBytesHeld) {
            String problem = bodyLength > bodyBytesHeld ? "is truncated" : "is damaged";
            throw new CorruptArtifactException(what + " artifact " + problem + ": its header announces " + bodyLength
                    + " body bytes, " + bodyBytesHeld + " are present");
        }
        CRC32 crc = new CRC32();
        crc.update(artifact, 0, artifact.length - TRAILER_BYTES);
        if ((int) crc.getValue() != frame.getInt(artifact.length - TRAILER_BYTES)) {
            throw new CorruptArtifactException(what + " artifact fails its CRC32 checksum");
        }
        if (foundMagic != magic) {
            throw new CorruptArtifactException(
                    String.format("not a %s artifact: magic 0x%08x, expected 0x%08x", what, foundMagic, magic));
        }
        if (foundVersion != version) {
            throw new CorruptArtifactException(
                    what + " artifact has format version " + foundVersion + ", this code reads version " + version);
        }
        ByteArrayInputStream bodyBytes = new ByteArrayInputStream(artifact, HEADER_BYTES, bodyLength);
        T value = readBody(new DataInputStream(bodyBytes), what, body);
        if (bodyBytes.available() != 0) {
            throw new CorruptArtifactException(
                    what + " artifact has " + bodyBytes.available() + " body bytes its reader left unread");
        }
        return value;
    }

    private static <T> T readBody(DataInputStream in, String what, BodyReader<T> body) {
        try {
            return body.read(in);
        } catch (EOFException e) {
            throw new CorruptArtifactException(what + " artifact's body ends before its reader is done", e);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            // also wraps a nested artifact's CorruptArtifactException, so the message names both kinds
            throw new CorruptArtifactException(what + " artifact cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * A count field of a body, checked to lie in [0, max] before anything is allocated for it. Bodies are read from
     * memory, so {@code in.available()} divided by the smallest size of an item bounds how many items can follow.
     */
    public static int readCount(DataInputStream in, int max, String what) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > max) {
            throw new IllegalArgumentException(what + " out of range: " + count + ", at most " + max);
        }
        return count;
    }

    public static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    public static double[] readDoubles(DataInputStream in) throws IOException {
        double[] values = new double[readLength(in, Double.BYTES, "double array length")];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    /** A length-prefixed block of bytes, e.g. a nested artifact. */
    public static void writeBlock(DataOutputStream out, byte[] block) throws IOException {
        out.writeInt(block.length);
        out.write(block);
    }

    public static byte[] readBlock(DataInputStream in) throws IOException {
        byte[] block = new byte[readLength(in, 1, "byte block length")];
        in.readFully(block);
        return block;
    }

    /** The length of an array whose items, {@code itemBytes} each, must all still be in the body. */
    private static int readLength(DataInputStream in, int itemBytes, String what) throws IOException {
        int length = in.readInt();
        if (length < 0 || (long) length * itemBytes > in.available()) {
            throw new IllegalArgumentException(
                    what + " out of range: " + length + ", " + in.available() + " bytes left");
        }
        return length;
    }

    /** A string of any length as a UTF-8 block ({@link DataOutputStream#writeUTF} stops at 64 KB). */
    public static void writeString(DataOutputStream out, String value) throws IOException {
        writeBlock(out, value.getBytes(StandardCharsets.UTF_8));
    }

    public static String readString(DataInputStream in) throws IOException {
        return new String(readBlock(in), StandardCharsets.UTF_8);
    }
}
