package io.dwpilot.models.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ArtifactFormatTest {
    private static final int MAGIC = 0x44575754; // "DWWT"
    private static final int VERSION = 3;
    private static final String WHAT = "test widget";
    private static final int LENGTH_FIELD = 2 * Integer.BYTES;

    /** What a test body holds: one value for each helper. */
    private record Widget(int count, double[] values, byte[] block, String label) {}

    private static final Widget WIDGET = new Widget(
            42, new double[] {1.5, -0.0, Double.NaN, Double.MIN_VALUE}, new byte[] {0, -1, 127, -128}, "Größe – 大小");

    private static byte[] write(Widget widget) {
        return ArtifactFormat.write(MAGIC, VERSION, out -> {
            out.writeInt(widget.count());
            ArtifactFormat.writeDoubles(out, widget.values());
            ArtifactFormat.writeBlock(out, widget.block());
            ArtifactFormat.writeString(out, widget.label());
        });
    }

    private static Widget read(byte[] artifact) {
        return ArtifactFormat.read(artifact, MAGIC, VERSION, WHAT, ArtifactFormatTest::readBody);
    }

    private static Widget readBody(DataInputStream in) throws IOException {
        return new Widget(
                ArtifactFormat.readCount(in, 100, "count"),
                ArtifactFormat.readDoubles(in),
                ArtifactFormat.readBlock(in),
                ArtifactFormat.readString(in));
    }

    @Test
    void roundTripsBitForBit() {
        byte[] artifact = write(WIDGET);
        Widget back = read(artifact);

        assertThat(back.count()).isEqualTo(WIDGET.count());
        assertThat(Arrays.stream(back.values())
                        .mapToLong(Double::doubleToRawLongBits)
                        .toArray())
                .isEqualTo(Arrays.stream(WIDGET.values())
                        .mapToLong(Double::doubleToRawLongBits)
                        .toArray());
        assertThat(back.block()).isEqualTo(WIDGET.block());
        assertThat(back.label()).isEqualTo(WIDGET.label());
        assertThat(write(back)).isEqualTo(artifact);
    }

    @Test
    void framesTheBodyAsDocumented() {
        byte[] artifact = write(WIDGET);
        ByteBuffer frame = ByteBuffer.wrap(artifact);
        int trailer = artifact.length - Integer.BYTES;
        CRC32 crc = new CRC32();
        crc.update(artifact, 0, trailer);

        assertThat(frame.getInt(0)).isEqualTo(MAGIC);
        assertThat(frame.getInt(Integer.BYTES)).isEqualTo(VERSION);
        assertThat(frame.getInt(LENGTH_FIELD)).isEqualTo(trailer - 3 * Integer.BYTES);
        assertThat(frame.getInt(trailer)).isEqualTo((int) crc.getValue());
    }

    @Test
    void aFlippedByteAnywhereIsACorruptArtifact() {
        byte[] artifact = write(WIDGET);
        for (int position = 0; position < artifact.length; position++) {
            byte[] damaged = artifact.clone();
            damaged[position] ^= 0x10;
            // a damaged length field no longer matches the artifact's size; everywhere else the checksum fails
            String expected = position >= LENGTH_FIELD && position < LENGTH_FIELD + Integer.BYTES
                    ? "header announces"
                    : "fails its CRC32 checksum";
            assertThatThrownBy(() -> read(damaged))
                    .as("byte %d flipped", position)
                    .isInstanceOf(CorruptArtifactException.class)
                    .hasMessageContaining(WHAT)
                    .hasMessageContaining(expected);
        }
    }

    @Test
    void everyTruncationIsReportedAsSuch() {
        byte[] artifact = write(WIDGET);
        for (int length = 0; length < artifact.length; length++) {
            byte[] truncated = Arrays.copyOf(artifact, length);
            assertThatThrownBy(() -> read(truncated))
                    .as("first %d bytes", length)
                    .isInstanceOf(CorruptArtifactException.class)
                    .hasMessageContaining(WHAT + " artifact is truncated");
        }
    }

    @Test
    void bytesAppendedAfterTheTrailerAreACorruptArtifact() {
        byte[] artifact = write(WIDGET);
        byte[] longer = Arrays.copyOf(artifact, artifact.length + 1);
        assertThatThrownBy(() -> read(longer))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("header announces");
    }

    @Test
    void anIntactArtifactOfAnotherKindHasTheWrongMagic() {
        byte[] other = ArtifactFormat.write(0x12345678, VERSION, out -> out.writeInt(1));
        assertThatThrownBy(() -> read(other))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessage("not a test widget artifact: magic 0x12345678, expected 0x44575754");
    }

    @Test
    void aNewerFormatVersionIsRefused() {
        byte[] newer = ArtifactFormat.write(MAGIC, VERSION + 1, out -> out.writeInt(1));
        assertThatThrownBy(() -> read(newer))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessage(WHAT + " artifact has format version " + (VERSION + 1) + ", this code reads version "
                        + VERSION);
    }

    @Test
    void theBodyReaderMustConsumeTheBodyExactly() {
        byte[] longBody = ArtifactFormat.write(MAGIC, VERSION, out -> out.writeLong(7));
        assertThatThrownBy(() -> ArtifactFormat.read(longBody, MAGIC, VERSION, WHAT, DataInputStream::readInt))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("4 body bytes its reader left unread");
        assertThatThrownBy(
                        () -> ArtifactFormat.read(longBody, MAGIC, VERSION, WHAT, in -> in.readDouble() + in.readInt()))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("body ends before its reader is done");
    }

    @Test
    void aValueTheBodyReaderRejectsIsACorruptArtifactNamingTheKind() {
        byte[] artifact = ArtifactFormat.write(MAGIC, VERSION, out -> out.writeInt(-1));
        assertThatThrownBy(() -> ArtifactFormat.read(artifact, MAGIC, VERSION, WHAT, in -> {
                    throw new IllegalArgumentException("width must be positive");
                }))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessage(WHAT + " artifact cannot be read: width must be positive")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCountOutOfItsBoundIsACorruptArtifact() {
        byte[] tooMany = ArtifactFormat.write(MAGIC, VERSION, out -> out.writeInt(101));
        assertThatThrownBy(() -> ArtifactFormat.read(
                        tooMany, MAGIC, VERSION, WHAT, in -> ArtifactFormat.readCount(in, 100, "count")))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("count out of range: 101");
        byte[] negative = ArtifactFormat.write(MAGIC, VERSION, out -> out.writeInt(-1));
        assertThatThrownBy(() -> ArtifactFormat.read(
                        negative, MAGIC, VERSION, WHAT, in -> ArtifactFormat.readCount(in, 100, "count")))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("count out of range: -1");
    }

    @Test
    void arrayAndBlockLengthsAreBoundedByTheBytesLeft() {
        // a length far beyond the body fails before anything of that size is allocated
        byte[] hugeArray = ArtifactFormat.write(MAGIC, VERSION, out -> out.writeInt(Integer.MAX_VALUE));
        assertThatThrownBy(() -> ArtifactFormat.read(hugeArray, MAGIC, VERSION, WHAT, ArtifactFormat::readDoubles))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("double array length out of range");
        byte[] hugeBlock = ArtifactFormat.write(MAGIC, VERSION, out -> {
            out.writeInt(5);
            out.write(new byte[4]);
        });
        assertThatThrownBy(() -> ArtifactFormat.read(hugeBlock, MAGIC, VERSION, WHAT, ArtifactFormat::readBlock))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("byte block length out of range: 5, 4 bytes left");
    }

    @Test
    void aCorruptNestedArtifactNamesBothKinds() {
        byte[] inner = write(WIDGET);
        inner[inner.length / 2] ^= 1;
        byte[] outer = ArtifactFormat.write(0x4457574F, 1, out -> ArtifactFormat.writeBlock(out, inner));
        assertThatThrownBy(() -> ArtifactFormat.read(
                        outer, 0x4457574F, 1, "outer widget", in -> read(ArtifactFormat.readBlock(in))))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessage("outer widget artifact cannot be read: test widget artifact fails its CRC32 checksum");
    }
}
