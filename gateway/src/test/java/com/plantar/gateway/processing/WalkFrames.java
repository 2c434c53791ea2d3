package com.plantar.gateway.processing;

import com.plantar.gait.FootSide;
import com.plantar.gait.recording.FootRecording;
import com.plantar.gait.recording.GaitpdbReader;
import com.plantar.gait.recording.Recording;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.protocol.Anchor;
import com.plantar.protocol.BlockType;
import com.plantar.protocol.DataFrame;
import com.plantar.protocol.DeviceIds;
import com.plantar.protocol.Encoding;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.Hello;
import com.plantar.protocol.MessageType;
import com.plantar.protocol.SampleBlock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** A real walk (gaitpdb GaCo01_01, recorded by others) as the frames an insole pair would send. */
public final class WalkFrames {
  public static final long LEFT = 0x0000000000000001L;
  public static final long RIGHT = 0x0000000000000002L;
  public static final long BOOT_UTC_US = 1_764_000_000_000_000L;
  private static final double NEWTON_PER_COUNT = 0.25;
  private static final double AREA_MM2 = 100;
  private static final int SAMPLES_PER_FRAME = 25;

  private WalkFrames() {}

  public static Recording walk() throws Exception {
    return GaitpdbReader.read(Path.of(System.getProperty("plantar.sharedData"), "gaitpdb", "GaCo01_01.txt"));
  }

  /** HELLO and ANCHOR per insole, then both feet's DATA frames interleaved by time. */
  public static List<AcceptedFrame> of(Recording walk) {
    return of(walk, BOOT_UTC_US);
  }

  /** As {@link #of(Recording)}, with the recording's start at {@code bootUtcUs}. */
  public static List<AcceptedFrame> of(Recording walk, long bootUtcUs) {
    return of(walk, bootUtcUs, LEFT, RIGHT);
  }

  /** As {@link #of(Recording, long)}, for the insole pair {@code left} and {@code right}. */
  public static List<AcceptedFrame> of(Recording walk, long bootUtcUs, long left, long right) {
    return of(walk, bootUtcUs, left, right, 0);
  }

  /** As above, with {@code dataFlags} (e.g. {@code CompatFlags.BACKLOG}) on every DATA frame. */
  public static List<AcceptedFrame> of(Recording walk, long bootUtcUs, long left, long right, int dataFlags) {
    FrameEncoder encoder = new FrameEncoder();
    List<AcceptedFrame> frames = new ArrayList<>();
    List<AcceptedFrame> data = new ArrayList<>();
    for (FootSide side : FootSide.values()) {
      long device = side == FootSide.LEFT ? left : right;
      FootRecording foot = side == FootSide.LEFT ? walk.left() : walk.right();
      FrameHeader header = new FrameHeader(0, device, 1);
      frames.add(accepted(device, MessageType.HELLO, -1, encoder.encode(new Hello(header, hello(side, foot))), bootUtcUs));
      // The device's monotonic clock started at the recording's start; the anchor says when that was.
      frames.add(accepted(device, MessageType.ANCHOR, -1,
          encoder.encode(new Anchor(header, 1_000_000, bootUtcUs + 1_000_000, 4_000, 1)), bootUtcUs));
      int seq = 0;
      for (int start = 0; start + SAMPLES_PER_FRAME <= foot.size(); start += SAMPLES_PER_FRAME) {
        int[] values = new int[SAMPLES_PER_FRAME * 8];
        for (int s = 0; s < SAMPLES_PER_FRAME; s++) {
          for (int c = 0; c < 8; c++) {
            values[s * 8 + c] = (int) Math.min(4095, Math.round(foot.cells()[start + s][c] / NEWTON_PER_COUNT));
          }
        }
        long first = foot.timeMicros()[start];
        long span = foot.timeMicros()[start + SAMPLES_PER_FRAME - 1] - first;
        byte[] bytes = encoder.encode(new DataFrame(new FrameHeader(dataFlags, device, 1), seq, first, span,
            SAMPLES_PER_FRAME, 0xABCD1234L,
            List.of(new SampleBlock(BlockType.PRESSURE, Encoding.DELTA, 8, values))));
        data.add(new AcceptedFrame("clinic", device, 1, MessageType.DATA, seq++, dataFlags, bootUtcUs + first, bytes));
      }
    }
    data.sort(Comparator.comparingLong(AcceptedFrame::receivedUtcUs));
    frames.addAll(data);
    return frames;
  }

  private static AcceptedFrame accepted(long device, MessageType type, long seq, byte[] bytes, long receivedUtcUs) {
    return new AcceptedFrame("clinic", device, 1, type, seq, 0, receivedUtcUs, bytes);
  }

  /** A HELLO for the gaitpdb insole: its 8 cells, each 100 mm², counts of 0.25 N as kPa. */
  private static String hello(FootSide side, FootRecording foot) {
    double meanX = foot.layout().cells().stream().mapToDouble(c -> c.xMm()).average().orElseThrow();
    StringBuilder sensors = new StringBuilder();
    for (int i = 0; i < foot.layout().size(); i++) {
      var cell = foot.layout().cells().get(i);
      double x = (cell.xMm() - meanX) / 96;
      double y = (cell.yMm() + 120) / 265;
      double kpaAtFullScale = 4095 * NEWTON_PER_COUNT / AREA_MM2 * 1000;
      sensors.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
          "{\"i\":%d,\"x\":%.4f,\"y\":%.4f,\"area_mm2\":%.0f,\"cal\":{\"model\":\"lut\",\"adc\":[0,4095],\"kpa\":[0,%.1f]}}",
          i, x, y, AREA_MM2, kpaAtFullScale));
    }
    return String.format(Locale.ROOT, "{\"v\":1,\"fw\":\"test\",\"hw\":\"gaitpdb\",\"side\":\"%s\",\"boot_id\":1,"
        + "\"mono_now_us\":0,\"rate_hz\":100,\"batch\":25,\"config_id\":\"abcd1234\","
        + "\"size\":{\"length_mm\":265,\"width_mm\":96},"
        + "\"pressure\":{\"adc_bits\":12,\"unit\":\"kPa\",\"count\":8,\"sensors\":[%s]}}",
        side.letter(), sensors);
  }

  /** The topic a phone publishes this frame on (PROTOCOL.md §11). */
  public static String topic(AcceptedFrame frame) {
    String suffix = switch (frame.type()) {
      case HELLO -> "hello";
      case ANCHOR -> "anchor";
      default -> "sync";
    };
    return "insole/v1/" + frame.tenant() + "/" + DeviceIds.toHex(frame.deviceId()) + "/" + suffix;
  }
}
