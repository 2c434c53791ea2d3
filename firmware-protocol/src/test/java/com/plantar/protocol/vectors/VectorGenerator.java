package com.plantar.protocol.vectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.plantar.protocol.Ack;
import com.plantar.protocol.Anchor;
import com.plantar.protocol.Block;
import com.plantar.protocol.BlockType;
import com.plantar.protocol.CompatFlags;
import com.plantar.protocol.DataFrame;
import com.plantar.protocol.DecodeStatus;
import com.plantar.protocol.Encoding;
import com.plantar.protocol.Event;
import com.plantar.protocol.Extension;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.Hello;
import com.plantar.protocol.Message;
import com.plantar.protocol.Nack;
import com.plantar.protocol.OpaqueBlock;
import com.plantar.protocol.SampleBlock;
import com.plantar.protocol.SeqRange;
import com.plantar.protocol.TimeRequest;
import com.plantar.protocol.TimeResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes the shared vectors from logical content (valid ones through the encoder, invalid ones byte by
 * byte), so nobody edits bytes by hand. {@code main} writes them to a directory; a test checks the
 * committed files are what this makes.
 */
public final class VectorGenerator {
  static final long DEVICE = 0x00000000deadbeefL;
  static final long CONFIG = 0x8f3a12c4L;
  private static final FrameHeader LIVE = new FrameHeader(0, DEVICE, 7);
  private static final String HELLO_JSON = "{\"v\":1,\"fw\":\"1.0.3\",\"hw\":\"nrf52840-r2\",\"side\":\"L\","
      + "\"mount\":\"plantar\",\"boot_id\":7,\"mono_now_us\":812345678,\"rate_hz\":100,\"batch\":25,"
      + "\"config_id\":\"8f3a12c4\",\"pressure\":{\"adc_bits\":12,\"topology\":\"pullup\",\"unit\":\"kPa\","
      + "\"count\":1,\"sensors\":[{\"i\":0,\"x\":0.18,\"y\":0.93,\"area_mm2\":78,\"cal\":{\"model\":\"lut\","
      + "\"adc\":[4095,3000,1500,500],\"kpa\":[0,20,120,400]}}]}}";

  private final FrameEncoder encoder = new FrameEncoder();
  private final List<VectorCase> cases = new ArrayList<>();

  public static List<VectorCase> all() {
    VectorGenerator generator = new VectorGenerator();
    generator.valid();
    generator.invalid();
    return generator.cases;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "firmware-protocol/vectors");
    Files.createDirectories(dir);
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    List<VectorCase> all = all();
    for (VectorCase vector : all) {
      Files.write(dir.resolve(vector.name() + ".bin"), vector.payload());
      Files.writeString(dir.resolve(vector.name() + ".json"),
          mapper.writeValueAsString(describe(vector)) + "\n");
    }
    System.out.println("wrote " + all.size() + " vectors to " + dir.toAbsolutePath());
  }

  /** The JSON of one vector, as in vectors/README.md. */
  public static ObjectNode describe(VectorCase vector) {
    ObjectNode node = new ObjectMapper().createObjectNode();
    node.put("description", vector.description());
    node.put("expect", vector.expect().name());
    var frames = node.putArray("frames");
    for (Message frame : vector.frames()) {
      frames.add(VectorJson.toJson(frame));
    }
    return node;
  }

  // ---- valid payloads ------------------------------------------------------------------------

  private void valid() {
    ok("data-raw16-16ch", "DATA, RAW16, 16 pressure cells, 25 samples", data(LIVE, 100, 25, pressure(Encoding.RAW16, 16, 25, 1)));
    ok("data-pack12-16ch", "DATA, PACK12, 16 pressure cells, 25 samples", data(LIVE, 101, 25, pressure(Encoding.PACK12, 16, 25, 1)));
    ok("data-delta-16ch", "DATA, DELTA, 16 pressure cells, 25 samples (widths chosen per channel)", data(LIVE, 102, 25, pressure(Encoding.DELTA, 16, 25, 1)));
    ok("data-delta-16ch-imu", "DATA, DELTA, 16 cells + IMU6 with negative deltas, 50 samples",
        data(LIVE, 103, 50, pressure(Encoding.DELTA, 16, 50, 2), imu(Encoding.DELTA, 50, 3)));
    ok("data-raw16-1ch", "DATA, RAW16, 1 channel, 10 samples", data(LIVE, 104, 10, pressure(Encoding.RAW16, 1, 10, 4)));
    ok("data-pack12-1ch-odd", "DATA, PACK12, 1 channel, 3 samples: odd value count, 4 padding bits", data(LIVE, 105, 3, pressure(Encoding.PACK12, 1, 3, 5)));
    ok("data-delta-1ch-1sample", "DATA, DELTA, 1 channel, K = 1 (span 0, no deltas)", data(LIVE, 106, 1, pressure(Encoding.DELTA, 1, 1, 6)));
    ok("data-raw16-64ch", "DATA, RAW16, 64 cells, 50 samples", data(LIVE, 107, 50, pressure(Encoding.RAW16, 64, 50, 7)));
    ok("data-pack12-64ch", "DATA, PACK12, 64 cells, 25 samples", data(LIVE, 108, 25, pressure(Encoding.PACK12, 64, 25, 8)));
    ok("data-delta-64ch", "DATA, DELTA, 64 cells, 50 samples", data(LIVE, 109, 50, pressure(Encoding.DELTA, 64, 50, 9)));
    ok("data-raw16-imu-extremes", "DATA, RAW16, IMU6 at i16 extremes", data(LIVE, 110, 4,
        new SampleBlock(BlockType.IMU6, Encoding.RAW16, 6, new int[] {
            -32768, 32767, 0, -1, 1, -32768,
            32767, -32768, -1, 0, -2, 32767,
            0, 0, 0, 0, 0, 0,
            -32768, -32768, -32768, 32767, 32767, 32767})));
    ok("data-pack12-imu", "DATA, PACK12, IMU6 with signed 12-bit extremes", data(LIVE, 111, 2,
        new SampleBlock(BlockType.IMU6, Encoding.PACK12, 6, new int[] {-2048, 2047, -1, 0, 1, -2, 2047, -2048, 5, -5, 100, -100})));
    ok("data-delta-constant", "DATA, DELTA, constant channels: every width 0",
        data(LIVE, 112, 25, constant(BlockType.PRESSURE, 16, 25, 1234)));
    ok("data-delta-wraparound", "DATA, DELTA, jumps 0↔65535 and i16 extremes: deltas taken modulo 2^16",
        data(LIVE, 113, 4,
            new SampleBlock(BlockType.PRESSURE, Encoding.DELTA, 2, new int[] {0, 65535, 65535, 0, 0, 65535, 32768, 32767}),
            new SampleBlock(BlockType.IMU6, Encoding.DELTA, 6, new int[] {
                -32768, 32767, 0, 0, 0, 0,
                32767, -32768, 0, 0, 0, 0,
                -32768, 32767, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 1})));
    ok("data-three-blocks", "DATA, PRESSURE RAW16 + IMU6 PACK12 + TEMPERATURE DELTA",
        data(LIVE, 114, 10, pressure(Encoding.RAW16, 8, 10, 10), imu(Encoding.PACK12, 10, 11),
            new SampleBlock(BlockType.TEMPERATURE, Encoding.DELTA, 1, new int[] {3120, 3121, 3121, 3122, 3121, 3120, 3119, 3119, 3120, 3121})));
    ok("data-max-size", "DATA near the size limit: RAW16, 31 cells, 1024 samples (63,488 data bytes)",
        data(LIVE, 115, 1024, pressure(Encoding.RAW16, 31, 1024, 12)));
    ok("data-extremes", "DATA with seq, t_first_us, span_us, boot_id and device_id at their maxima",
        new DataFrame(new FrameHeader(0, -1L, 0xFFFF_FFFFL), 0xFFFF_FFFFL, -1L, 0xFFFF_FFFFL, 2, 0xFFFF_FFFFL,
            List.of(pressure(Encoding.DELTA, 4, 2, 13))));
    ok("data-zeros", "DATA with seq, times, boot_id and device_id zero",
        new DataFrame(new FrameHeader(0, 0, 0), 0, 0, 0, 1, 0, List.of(pressure(Encoding.RAW16, 4, 1, 14))));
    ok("data-time-estimate", "DATA with the TIME_ESTIMATE extension and its flag",
        data(new FrameHeader(CompatFlags.TIME_ESTIMATE, DEVICE, 7,
            List.of(Extension.timeEstimate(1_700_000_000_000_000L - 812_345_678L, 1500))), 116, 5, pressure(Encoding.DELTA, 4, 5, 15)));
    ok("data-unknown-extensions", "DATA with a reserved (2) and a vendor (0x80) extension: skipped, reported",
        data(new FrameHeader(0, DEVICE, 7, List.of(new Extension(2, new byte[] {1, 2, 3}),
            new Extension(0x80, new byte[0]), new Extension(0xFF, new byte[] {(byte) 0xAA}))), 117, 5, pressure(Encoding.RAW16, 2, 5, 16)));
    ok("data-unknown-block", "DATA with a vendor block (type 0x80) between known ones: skipped by len",
        data(LIVE, 118, 5, pressure(Encoding.DELTA, 4, 5, 17),
            new OpaqueBlock(0x80, 0, 3, new byte[] {1, 2, 3, 4, 5, 6, 7}), imu(Encoding.RAW16, 5, 18)));
    ok("data-unknown-encoding", "DATA with a PRESSURE block in an unknown encoding (7): skipped",
        data(LIVE, 119, 5, new OpaqueBlock(1, 7, 16, new byte[] {9, 8, 7}), imu(Encoding.DELTA, 5, 19)));
    ok("data-flags", "DATA from the backlog, after a gap, clipped, with reserved compat bits set (ignored)",
        data(new FrameHeader(CompatFlags.BACKLOG | CompatFlags.GAP_BEFORE | CompatFlags.CLIPPED | 0xF0, DEVICE, 6), 120, 25,
            pressure(Encoding.DELTA, 16, 25, 20)));
    ok("hello", "HELLO with a JSON body", new Hello(LIVE, HELLO_JSON));
    ok("event", "EVENT: battery", new Event(LIVE, "{\"type\":\"battery\",\"pct\":71,\"mv\":3890}"));
    ok("ack-empty", "ACK: nothing stored yet (next_seq 0, no ranges)", new Ack(LIVE, 0, List.of()));
    ok("ack-ranges", "ACK: next_seq plus selective ranges", new Ack(LIVE, 1000,
        List.of(new SeqRange(1002, 3), new SeqRange(1010, 65535), new SeqRange(0xFFFF_FFFFL, 1))));
    ok("ack-max-ranges", "ACK with 255 ranges", new Ack(LIVE, 5, ranges(255)));
    ok("nack", "NACK: resend two ranges", new Nack(LIVE, List.of(new SeqRange(17, 2), new SeqRange(40, 1))));
    ok("time-req", "TIME_REQ", new TimeRequest(LIVE, 65535, 812_345_678L));
    ok("time-res", "TIME_RES with UTC stamps (and one before 1970)", new TimeResponse(LIVE, 1, 812_345_678L,
        1_764_000_000_123_456L, -1L));
    ok("anchor", "ANCHOR from the phone over BLE", new Anchor(LIVE, 812_400_000L, 1_764_000_000_200_000L, 4200, 2));
    byte[] sync = concat(
        encoder.encode(data(backlog(5), 0, 25, pressure(Encoding.DELTA, 16, 25, 21))),
        encoder.encode(data(backlog(5), 1, 25, pressure(Encoding.DELTA, 16, 25, 22))),
        encoder.encode(data(backlog(6), 0, 25, pressure(Encoding.DELTA, 16, 25, 23))));
    cases.add(new VectorCase("sync-three-frames", "A sync payload: three DATA frames back to back", sync,
        DecodeStatus.OK, List.of(
            data(backlog(5), 0, 25, pressure(Encoding.DELTA, 16, 25, 21)),
            data(backlog(5), 1, 25, pressure(Encoding.DELTA, 16, 25, 22)),
            data(backlog(6), 0, 25, pressure(Encoding.DELTA, 16, 25, 23)))));
  }

  // ---- invalid payloads ----------------------------------------------------------------------

  private void invalid() {
    byte[] good = encoder.encode(data(LIVE, 200, 5, pressure(Encoding.RAW16, 2, 5, 30)));
    bad("bad-magic", "Magic is 'IX'", DecodeStatus.BAD_MAGIC, rawTimeReq().magic(0x49, 0x58).build());
    bad("bad-version", "Version 2", DecodeStatus.UNSUPPORTED_VERSION, rawTimeReq().version(2).build());
    bad("truncated-header", "Only 20 bytes", DecodeStatus.TRUNCATED, Arrays.copyOf(good, 20));
    bad("truncated-body", "The last 5 bytes are missing", DecodeStatus.TRUNCATED, Arrays.copyOf(good, good.length - 5));
    byte[] flipped = good.clone();
    flipped[40] ^= 0x10;
    bad("crc-mismatch", "One bit of the body flipped", DecodeStatus.CRC_MISMATCH, flipped);
    bad("unknown-incompat-flag", "Incompat flag bit 0 set", DecodeStatus.UNKNOWN_INCOMPAT_FLAG, rawTimeReq().incompat(1).build());
    bad("reserved-nonzero", "Header byte 22 is not zero", DecodeStatus.RESERVED_NONZERO, rawTimeReq().reservedB(1).build());
    bad("unknown-message-type", "msg_type 9", DecodeStatus.UNKNOWN_MESSAGE_TYPE,
        new RawFrame(9).u16(1).u64(2).build());
    bad("extension-overrun", "A TLV claims 20 bytes in a 4-byte extension area", DecodeStatus.EXTENSION_OVERRUN,
        rawTimeReq().ext(0x80, 20, 1, 2).build());
    bad("bad-extension", "TIME_ESTIMATE with 8 bytes instead of 12", DecodeStatus.BAD_EXTENSION,
        rawTimeReq().ext(1, 8, 0, 0, 0, 0, 0, 0, 0, 0).build());
    bad("body-length-mismatch", "TIME_REQ with an 11-byte body", DecodeStatus.BODY_LENGTH_MISMATCH,
        new RawFrame(5).u16(1).u64(2).u8(0).build());
    bad("hello-empty", "HELLO with an empty body", DecodeStatus.BODY_LENGTH_MISMATCH, new RawFrame(2).build());
    bad("sample-count-zero", "DATA with K = 0", DecodeStatus.SAMPLE_COUNT_OUT_OF_RANGE,
        new RawFrame(1).dataHeader(1, 0, 0, 0, 1).blockHeader(1, 0, 1, 0).build());
    bad("sample-count-too-large", "DATA with K = 1025", DecodeStatus.SAMPLE_COUNT_OUT_OF_RANGE,
        new RawFrame(1).dataHeader(1, 0, 10240, 1025, 1).blockHeader(1, 2, 1, 3).u16(0).u8(0).build());
    bad("span-invalid", "DATA with K = 1 and span 10 µs", DecodeStatus.SPAN_INVALID,
        new RawFrame(1).dataHeader(1, 0, 10, 1, 1).blockHeader(1, 0, 1, 2).u16(5).build());
    bad("block-count-zero", "DATA with no blocks", DecodeStatus.BLOCK_COUNT_OUT_OF_RANGE,
        new RawFrame(1).dataHeader(1, 0, 0, 1, 0).build());
    bad("block-overrun", "A block's len runs past the body", DecodeStatus.BLOCK_OVERRUN,
        new RawFrame(1).dataHeader(1, 0, 10, 2, 1).blockHeader(1, 0, 1, 40).u16(1).u16(2).build());
    bad("channel-count", "IMU6 with 5 channels", DecodeStatus.CHANNEL_COUNT_OUT_OF_RANGE,
        new RawFrame(1).dataHeader(1, 0, 0, 1, 1).blockHeader(2, 0, 5, 10).u16(1).u16(2).u16(3).u16(4).u16(5).build());
    bad("channel-count-65", "PRESSURE with 65 channels", DecodeStatus.CHANNEL_COUNT_OUT_OF_RANGE,
        new RawFrame(1).dataHeader(1, 0, 0, 1, 1).blockHeader(1, 0, 65, 130).bytes(new byte[130]).build());
    bad("block-length-mismatch", "RAW16 block 2 bytes shorter than K·N·2", DecodeStatus.BLOCK_LENGTH_MISMATCH,
        new RawFrame(1).dataHeader(1, 0, 10, 2, 1).blockHeader(1, 0, 2, 6).u16(1).u16(2).u16(3).build());
    bad("delta-width-out-of-range", "DELTA width 17", DecodeStatus.DELTA_WIDTH_OUT_OF_RANGE,
        new RawFrame(1).dataHeader(1, 0, 10, 2, 1).blockHeader(1, 2, 1, 6).u16(100).u8(17).u8(0).u8(0).u8(0).build());
    bad("nonzero-padding", "DELTA with a padding bit set", DecodeStatus.NONZERO_PADDING,
        new RawFrame(1).dataHeader(1, 0, 10, 2, 1).blockHeader(1, 2, 1, 4).u16(100).u8(3).u8(0b1000_0011).build());
    bad("pack12-nonzero-padding", "PACK12 with odd value count and padding bits set", DecodeStatus.NONZERO_PADDING,
        new RawFrame(1).dataHeader(1, 0, 0, 1, 1).blockHeader(1, 1, 1, 2).u8(0xFF).u8(0xF1).build());
    bad("duplicate-block", "Two PRESSURE blocks", DecodeStatus.DUPLICATE_BLOCK,
        new RawFrame(1).dataHeader(1, 0, 0, 1, 2).blockHeader(1, 0, 1, 2).u16(1).blockHeader(1, 0, 1, 2).u16(2).build());
    bad("trailing-bytes", "Three bytes after the last block", DecodeStatus.TRAILING_BYTES,
        new RawFrame(1).dataHeader(1, 0, 0, 1, 1).blockHeader(1, 0, 1, 2).u16(1).u8(0).u8(0).u8(0).build());
    bad("ack-bad-range", "ACK with a range of count 0", DecodeStatus.BAD_RANGE,
        new RawFrame(3).u32(10).u8(1).u32(12).u16(0).build());
    bad("ack-length-mismatch", "ACK saying 2 ranges but carrying 1", DecodeStatus.BODY_LENGTH_MISMATCH,
        new RawFrame(3).u32(10).u8(2).u32(12).u16(1).build());
    bad("nack-empty", "NACK with no ranges", DecodeStatus.BAD_RANGE, new RawFrame(4).u8(0).build());
    byte[] second = encoder.encode(data(backlog(5), 1, 25, pressure(Encoding.DELTA, 16, 25, 31)));
    second[second.length - 1] ^= 0x01;
    DataFrame first = data(backlog(5), 0, 25, pressure(Encoding.DELTA, 16, 25, 32));
    cases.add(new VectorCase("sync-second-frame-corrupt",
        "A sync payload whose second frame fails its CRC: the first stands, the rest is dropped",
        concat(encoder.encode(first), second, encoder.encode(data(backlog(5), 2, 25, pressure(Encoding.DELTA, 16, 25, 33)))),
        DecodeStatus.CRC_MISMATCH, List.of(first)));
    cases.add(new VectorCase("sync-trailing-garbage",
        "A sync payload with 10 stray bytes after a valid frame", concat(encoder.encode(first), new byte[10]),
        DecodeStatus.TRUNCATED, List.of(first)));
  }

  // ---- content helpers ------------------------------------------------------------------------

  private void ok(String name, String description, Message message) {
    cases.add(new VectorCase(name, description, encoder.encode(message), DecodeStatus.OK, List.of(message)));
  }

  private void bad(String name, String description, DecodeStatus expect, byte[] payload) {
    cases.add(new VectorCase(name, description, payload, expect, List.of()));
  }

  private static RawFrame rawTimeReq() {
    return new RawFrame(5).u16(1).u64(812_345_678L);
  }

  private static FrameHeader backlog(long boot) {
    return new FrameHeader(CompatFlags.BACKLOG, DEVICE, boot);
  }

  private static DataFrame data(FrameHeader header, long seq, int samples, Block... blocks) {
    long span = samples == 1 ? 0 : (samples - 1) * 10_000L + 37;
    return new DataFrame(header, seq, 812_345_678L + seq * 250_000L, span, samples, CONFIG, List.of(blocks));
  }

  /**
   * Pressure that looks like a stance phase: a slow load curve per cell, noise, and for some cells
   * saturation or zero, deterministic per seed.
   */
  static SampleBlock pressure(Encoding encoding, int channels, int samples, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] values = new int[channels * samples];
    int max = encoding == Encoding.PACK12 ? 4095 : 4095;
    for (int c = 0; c < channels; c++) {
      double peak = 400 + random.nextInt(3000);
      double phase = random.nextDouble();
      for (int s = 0; s < samples; s++) {
        double x = Math.sin(Math.PI * ((s / (double) Math.max(1, samples - 1)) + phase));
        int value = (int) Math.round(Math.max(0, peak * x) + random.nextInt(9) - 4);
        values[s * channels + c] = Math.max(0, Math.min(max, value));
      }
    }
    return new SampleBlock(BlockType.PRESSURE, encoding, channels, values);
  }

  /** IMU6 with swings through zero, so DELTA has negative deltas. */
  static SampleBlock imu(Encoding encoding, int samples, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int limit = encoding == Encoding.PACK12 ? 2047 : 30000;
    int[] values = new int[6 * samples];
    for (int c = 0; c < 6; c++) {
      double amplitude = limit * (0.2 + 0.7 * random.nextDouble());
      for (int s = 0; s < samples; s++) {
        int value = (int) Math.round(amplitude * Math.sin(2 * Math.PI * s / 17.0 + c) + random.nextInt(21) - 10);
        values[s * 6 + c] = Math.max(-limit - 1, Math.min(limit, value));
      }
    }
    return new SampleBlock(BlockType.IMU6, encoding, 6, values);
  }

  private static SampleBlock constant(BlockType type, int channels, int samples, int value) {
    int[] values = new int[channels * samples];
    Arrays.fill(values, value);
    return new SampleBlock(type, Encoding.DELTA, channels, values);
  }

  private static List<SeqRange> ranges(int count) {
    List<SeqRange> ranges = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ranges.add(new SeqRange(10 + 3L * i, 1 + i % 2));
    }
    return ranges;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
