package com.plantar.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
  private static final FrameHeader HEADER = new FrameHeader(0, 0x1234_5678_9abc_def0L, 3);
  private final FrameEncoder encoder = new FrameEncoder();
  private final FrameDecoder decoder = new FrameDecoder();
  private final FrameView view = new FrameView();

  private static SampleBlock pressure(Encoding encoding, int channels, int samples) {
    int[] values = new int[channels * samples];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i * 37) % 4096;
    }
    return new SampleBlock(BlockType.PRESSURE, encoding, channels, values);
  }

  private static DataFrame data(int samples, long span, Block... blocks) {
    return new DataFrame(HEADER, 9, 1_000_000, span, samples, 0xCAFE, List.of(blocks));
  }

  @Test
  void crc32cIsCastagnoliWithTheSpecCheckValue() {
    CRC32C crc = new CRC32C();
    crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
    assertThat(crc.getValue()).isEqualTo(0xE3069283L);
  }

  @Test
  void sampleTimesAreFirstPlusFlooredShareOfTheSpan() {
    byte[] frame = encoder.encode(data(4, 10, pressure(Encoding.RAW16, 1, 4)));
    assertThat(decoder.decode(frame, 0, frame.length, view)).isEqualTo(DecodeStatus.OK);
    assertThat(List.of(view.sampleTimeUs(0), view.sampleTimeUs(1), view.sampleTimeUs(2), view.sampleTimeUs(3)))
        .containsExactly(1_000_000L, 1_000_003L, 1_000_006L, 1_000_010L);
  }

  @Test
  void decodesFromADirectBufferAtAnOffsetWithoutMovingIt() {
    byte[] frame = encoder.encode(data(25, 240_000, pressure(Encoding.DELTA, 16, 25)));
    ByteBuffer direct = ByteBuffer.allocateDirect(frame.length + 7);
    direct.position(7);
    direct.put(frame);
    direct.position(3);

    assertThat(decoder.decode(direct, 7, frame.length, view)).isEqualTo(DecodeStatus.OK);

    assertThat(direct.position()).isEqualTo(3);
    assertThat(direct.limit()).isEqualTo(frame.length + 7);
    assertThat(view.toMessage()).isEqualTo(data(25, 240_000, pressure(Encoding.DELTA, 16, 25)));
  }


  /** The gateway hands the decoder read-only views of its publishes: no array to read the CRC from. */
  @Test
  void decodesFromAReadOnlyHeapBufferAtAnOffsetAndStillChecksTheCrc() {
    byte[] frame = encoder.encode(data(25, 240_000, pressure(Encoding.DELTA, 16, 25)));
    byte[] padded = new byte[frame.length + 5];
    System.arraycopy(frame, 0, padded, 5, frame.length);
    ByteBuffer readOnly = ByteBuffer.wrap(padded).asReadOnlyBuffer();
    assertThat(readOnly.hasArray()).isFalse();

    assertThat(decoder.decode(readOnly, 5, frame.length, view)).isEqualTo(DecodeStatus.OK);
    assertThat(view.toMessage()).isEqualTo(data(25, 240_000, pressure(Encoding.DELTA, 16, 25)));

    padded[5 + frame.length / 2] ^= 4;
    assertThat(decoder.decode(readOnly, 5, frame.length, view)).isEqualTo(DecodeStatus.CRC_MISMATCH);
  }
  @Test
  void bytesBeyondTheBufferLimitCountAsMissing() {
    byte[] frame = encoder.encode(new TimeRequest(HEADER, 1, 2));
    ByteBuffer buffer = ByteBuffer.wrap(frame).limit(frame.length - 1);

    assertThat(decoder.decode(buffer, 0, frame.length, view)).isEqualTo(DecodeStatus.TRUNCATED);
    assertThat(decoder.decode(buffer, frame.length + 3, 10, view)).isEqualTo(DecodeStatus.TRUNCATED);
  }

  @Test
  void rejectedFrameLeavesNothingInTheView() {
    byte[] good = encoder.encode(data(25, 240_000, pressure(Encoding.DELTA, 16, 25)));
    assertThat(decoder.decode(good, 0, good.length, view)).isEqualTo(DecodeStatus.OK);
    byte[] bad = good.clone();
    bad[bad.length - 10] ^= 1;

    assertThat(decoder.decode(bad, 0, bad.length, view)).isEqualTo(DecodeStatus.CRC_MISMATCH);

    assertThat(view.type()).isNull();
    assertThat(view.blockCount()).isZero();
    assertThatThrownBy(view::toMessage).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void everyTruncationOfEveryVectorIsRejectedWithoutThrowing() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("vectors"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".bin")).toList()) {
        byte[] payload = Files.readAllBytes(file);
        for (int length = 0; length < payload.length; length++) {
          ByteBuffer prefix = ByteBuffer.wrap(payload, 0, length);
          DecodeStatus status = decoder.decodePayload(prefix, view, frame -> { });
          if (status.isOk()) {
            // Only a whole frame can be a valid prefix of a multi-frame payload.
            assertThat(length).as("%s cut at %d", file, length).isGreaterThan(0);
            assertThat(decoder.decode(payload, 0, length, view)).isEqualTo(DecodeStatus.OK);
            assertThat(view.frameLength()).isLessThanOrEqualTo(length);
          }
        }
      }
    }
  }

  @Test
  void everySingleBitFlipIsRejected() {
    byte[] frame = encoder.encode(data(25, 240_000, pressure(Encoding.DELTA, 16, 25)));
    for (int bit = 0; bit < frame.length * 8; bit++) {
      byte[] flipped = frame.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(decoder.decode(flipped, 0, flipped.length, view)).as("bit %d", bit).isNotEqualTo(DecodeStatus.OK);
    }
  }

  @Test
  void unknownCompatBitsExtensionsAndBlocksAreReportedNotRejected() {
    FrameHeader header = new FrameHeader(0xF1, 1, 1, List.of(new Extension(0x90, new byte[] {1})));
    byte[] frame = encoder.encode(new DataFrame(header, 0, 0, 0, 1, 0,
        List.of(new OpaqueBlock(0xA0, 0, 1, new byte[] {5}), pressure(Encoding.RAW16, 2, 1))));

    assertThat(decoder.decode(frame, 0, frame.length, view)).isEqualTo(DecodeStatus.OK);

    assertThat(view.unknownCompatFlags()).isEqualTo(0xF0);
    assertThat(view.hasFlag(CompatFlags.BACKLOG)).isTrue();
    assertThat(view.unknownExtensionCount()).isEqualTo(1);
    assertThat(view.skippedBlockCount()).isEqualTo(1);
    assertThat(view.block(BlockType.PRESSURE).value(0, 1)).isEqualTo(37);
  }

  @Test
  void timeEstimateExtensionIsParsed() {
    FrameHeader header = new FrameHeader(CompatFlags.TIME_ESTIMATE, 1, 1,
        List.of(Extension.timeEstimate(-5_000_000L, 1200)));
    byte[] frame = encoder.encode(new TimeRequest(header, 1, 2));

    assertThat(decoder.decode(frame, 0, frame.length, view)).isEqualTo(DecodeStatus.OK);

    assertThat(view.hasTimeEstimate()).isTrue();
    assertThat(view.utcMinusMonoUs()).isEqualTo(-5_000_000L);
    assertThat(view.timeUncertaintyUs()).isEqualTo(1200);
  }

  @Test
  void deltaWidthIsTheSmallestTwosComplementThatFits() {
    assertThat(FrameEncoder.signedWidth(0)).isZero();
    assertThat(FrameEncoder.signedWidth(-1)).isEqualTo(1);
    assertThat(FrameEncoder.signedWidth(1)).isEqualTo(2);
    assertThat(FrameEncoder.signedWidth(-2)).isEqualTo(2);
    assertThat(FrameEncoder.signedWidth(2)).isEqualTo(3);
    assertThat(FrameEncoder.signedWidth(Short.MAX_VALUE)).isEqualTo(16);
    assertThat(FrameEncoder.signedWidth(Short.MIN_VALUE)).isEqualTo(16);
  }

  @Test
  void deltaIsSmallerThanPack12IsSmallerThanRaw16ForSmoothSignals() {
    int raw = encoder.encodedLength(data(25, 240_000, pressure(Encoding.RAW16, 16, 25)));
    int packed = encoder.encodedLength(data(25, 240_000, smooth(Encoding.PACK12)));
    int delta = encoder.encodedLength(data(25, 240_000, smooth(Encoding.DELTA)));
    assertThat(delta).isLessThan(packed);
    assertThat(packed).isLessThan(raw);
  }

  private static SampleBlock smooth(Encoding encoding) {
    int[] values = new int[16 * 25];
    for (int s = 0; s < 25; s++) {
      for (int c = 0; c < 16; c++) {
        values[s * 16 + c] = 1000 + 20 * s + c;
      }
    }
    return new SampleBlock(BlockType.PRESSURE, encoding, 16, values);
  }

  @Test
  void contentThatCannotBeWrittenIsRefusedUpFront() {
    assertThatThrownBy(() -> new SampleBlock(BlockType.PRESSURE, Encoding.PACK12, 1, new int[] {4096}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..4095");
    assertThatThrownBy(() -> new SampleBlock(BlockType.IMU6, Encoding.RAW16, 5, new int[5]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> data(1, 5, pressure(Encoding.RAW16, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("span 0");
    assertThatThrownBy(() -> encoder.encode(new Hello(HEADER, "x".repeat(70_000))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
  }

  @Test
  void payloadOfSeveralFramesIsSplitAndEachHandedOver() {
    byte[] a = encoder.encode(new TimeRequest(HEADER, 1, 10));
    byte[] b = encoder.encode(data(25, 240_000, pressure(Encoding.PACK12, 16, 25)));
    ByteBuffer payload = ByteBuffer.allocate(a.length + b.length).put(a).put(b).flip();
    List<MessageType> seen = new java.util.ArrayList<>();

    assertThat(decoder.decodePayload(payload, view, frame -> seen.add(frame.type()))).isEqualTo(DecodeStatus.OK);

    assertThat(seen).containsExactly(MessageType.TIME_REQ, MessageType.DATA);
  }

  @Test
  void deviceIdsPrintAsSixteenLowercaseHexDigits() {
    assertThat(DeviceIds.toHex(0xDEADBEEFL)).isEqualTo("00000000deadbeef");
    assertThat(DeviceIds.toHex(-1L)).isEqualTo("ffffffffffffffff");
    assertThat(DeviceIds.parseHex("ffffffffffffffff")).isEqualTo(-1L);
    assertThatThrownBy(() -> DeviceIds.parseHex("DEADBEEF00000000")).isInstanceOf(IllegalArgumentException.class);
  }
}
