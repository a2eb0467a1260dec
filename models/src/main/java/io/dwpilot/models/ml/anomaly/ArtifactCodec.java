package io.dwpilot.models.ml.anomaly;

import io.dwpilot.models.ml.CorruptArtifactException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The binary frame of a classic model's artifact: a 4-byte magic naming the kind of model, a 2-byte format version,
 * the payload's length, the payload, and a CRC32 of everything before it. Reading checks all four, hands the payload
 * to the model's reader, and requires that the reader consumed it exactly; any failure — including an
 * {@link IllegalArgumentException} from the model's own validation of what it read — becomes a
 * {@link CorruptArtifactException}. Payloads are written with {@link DataOutputStream}: big-endian, doubles by their
 * raw bits, so a round trip is bit-for-bit.
 */
public final class ArtifactCodec {
    private static final int HEADER_BYTES = Integer.BYTES + Short.BYTES + Integer.BYTES;
    private static final int CRC_BYTES = Integer.BYTES;

    /** Writes a model's payload. */
    @FunctionalInterface
    public interface PayloadWriter {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a model's payload back. */
    @FunctionalInterface
    public interface PayloadReader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private ArtifactCodec() {
    }

    public static byte[] encode(int magic, int version, PayloadWriter payload) {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            payload.write(new DataOutputStream(body));
            ByteArrayOutputStream frame = new ByteArrayOutputStream(HEADER_BYTES + body.size() + CRC_BYTES);
            DataOutputStream out = new DataOutputStream(frame);
            out.writeInt(magic);
            out.writeShort(version);
            out.writeInt(body.size());
            body.writeTo(out);
            CRC32 crc = new CRC32();
            crc.update(frame.toByteArray());
            out.writeInt((int) crc.getValue());
            return frame.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    /**
     * Reads an artifact of the kind {@code magic} and format {@code version}; {@code what} names the model in errors.
     *
     * @throws CorruptArtifactException if the bytes are not such an artifact, intact
     */
    public static <T> T decode(byte[] bytes, int magic, int version, String what, PayloadReader<T> reader) {
        if (bytes == null || bytes.length < HEADER_BYTES + CRC_BYTES) {
            throw new CorruptArtifactException(what + " artifact is truncated: "
                    + (bytes == null ? "no bytes" : bytes.length + " bytes"));
        }
        ByteBuffer frame = ByteBuffer.wrap(bytes);
        if (frame.getInt() != magic) {
            throw new CorruptArtifactException("not a " + what + " artifact (wrong magic)");
        }
        int foundVersion = frame.getShort();
        if (foundVersion != version) {
            throw new CorruptArtifactException(what + " artifact has format version " + foundVersion + ", this code reads "
                    + version);
        }
        int length = frame.getInt();
        if (length != bytes.length - HEADER_BYTES - CRC_BYTES) {
            throw new CorruptArtifactException(what + " artifact announces " + length + " payload bytes but holds "
                    + (bytes.length - HEADER_BYTES - CRC_BYTES));
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - CRC_BYTES);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - CRC_BYTES, CRC_BYTES).getInt()) {
            throw new CorruptArtifactException(what + " artifact fails its checksum");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, HEADER_BYTES, length));
            T model = reader.read(in);
            if (in.available() != 0) {
                throw new CorruptArtifactException(what + " artifact has " + in.available() + " unread payload bytes");
            }
            return model;
        } catch (CorruptArtifactException e) {
            throw e;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new CorruptArtifactException(what + " artifact cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * A length or count read from a payload, checked against a bound before anything is allocated for it (payloads
     * live in memory, so {@code in.available()} bounds how many items can follow).
     */
    public static int readCount(DataInputStream in, int max, String what) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > max) {
            throw new CorruptArtifactException(what + " out of range: " + count);
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
        double[] values = new double[readCount(in, in.available() / Double.BYTES, "array length")];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    /** Writes a string of any length as UTF-8 ({@link DataOutputStream#writeUTF} stops at 64 KB). */
    public static void writeString(DataOutputStream out, String value) throws IOException {
        writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    public static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    public static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[readCount(in, in.available(), "byte string length")];
        in.readFully(bytes);
        return bytes;
    }
}
