package com.plantar.gateway.cluster;

import com.plantar.gateway.live.DeviceActivity;
import com.plantar.gateway.live.InsoleLayout;
import com.plantar.gateway.live.LiveFrame;
import com.plantar.gateway.timing.TimeQuality;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka form of the live view (SCALING.md, "live view"), keyed like the frames ({@link
 * FrameRecords#key}). On the live topic a value is a version byte, a kind byte and either a {@link
 * LiveFrame} or a wearer's two {@link InsoleLayout}s; on the watch topic it is a version byte and the
 * lease's expiry (UTC ms); on the activity topic (keyed {@code tenant/deviceId}) a version byte, a
 * kind byte and a device's {@link DeviceActivity.Snapshot}. Decoding returns null for anything else:
 * a foreign or newer record is skipped, never a crash.
 */
final class LiveRecords {
  private static final byte VERSION = 1;
  private static final byte FRAME = 1;
  private static final byte LAYOUTS = 2;
  private static final byte ACTIVITY = 3;
  private static final int ACTIVITY_BYTES = 2 + 8 + 8 + 1 + 4 + 8;
  private static final TimeQuality[] QUALITIES = TimeQuality.values();
  /** More cells than any insole has: a length beyond it means a corrupt record, not an allocation. */
  private static final int MAX_CELLS = 1_024;

  private LiveRecords() {}

  static byte[] frame(LiveFrame frame) {
    int size = 2 + 8 + footSize(frame.left()) + footSize(frame.right());
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    out.put(VERSION).put(FRAME).putLong(frame.utcUs());
    putFoot(out, frame.left());
    putFoot(out, frame.right());
    return out.array();
  }

  static byte[] layouts(InsoleLayout[] feet) {
    int size = 2;
    for (InsoleLayout layout : feet) {
      size += 1 + (layout == null ? 0 : 8 + 8 + 4 + layout.cells().size() * 24);
    }
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    out.put(VERSION).put(LAYOUTS);
    for (InsoleLayout layout : feet) {
      out.put((byte) (layout == null ? 0 : 1));
      if (layout != null) {
        out.putDouble(layout.lengthMm()).putDouble(layout.widthMm()).putInt(layout.cells().size());
        for (InsoleLayout.Cell cell : layout.cells()) {
          out.putDouble(cell.xMm()).putDouble(cell.yMm()).putDouble(cell.areaMm2());
        }
      }
    }
    return out.array();
  }

  /** The frame a live-topic value holds, or null when it holds none (layouts, or not a record of ours). */
  static LiveFrame frameOf(byte[] value) {
    if (!is(value, FRAME)) {
      return null;
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).position(2);
      long utcUs = in.getLong();
      LiveFrame.Foot left = foot(in);
      LiveFrame.Foot right = foot(in);
      return in.hasRemaining() ? null : new LiveFrame(utcUs, left, right);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The layouts (index 0 left, 1 right) a live-topic value holds, or null. */
  static InsoleLayout[] layoutsOf(byte[] value) {
    if (!is(value, LAYOUTS)) {
      return null;
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).position(2);
      InsoleLayout[] feet = new InsoleLayout[2];
      for (int f = 0; f < 2; f++) {
        if (in.get() != 0) {
          double length = in.getDouble();
          double width = in.getDouble();
          int count = count(in.getInt());
          List<InsoleLayout.Cell> cells = new ArrayList<>(count);
          for (int c = 0; c < count; c++) {
            cells.add(new InsoleLayout.Cell(in.getDouble(), in.getDouble(), in.getDouble()));
          }
          feet[f] = new InsoleLayout(length, width, cells);
        }
      }
      return in.hasRemaining() ? null : feet;
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      return null;
    }
  }

  static byte[] activity(DeviceActivity.Snapshot snapshot) {
    return ByteBuffer.allocate(ACTIVITY_BYTES).order(ByteOrder.LITTLE_ENDIAN).put(VERSION).put(ACTIVITY)
        .putLong(snapshot.lastReceivedUtcUs()).putLong(snapshot.lastSampleUtcUs())
        .put((byte) (snapshot.quality() == null ? -1 : snapshot.quality().ordinal()))
        .putInt(snapshot.batteryPct()).putLong(snapshot.pendingBacklogFrames()).array();
  }

  /** The device state an activity-topic value holds, or null. */
  static DeviceActivity.Snapshot activityOf(byte[] value) {
    if (!is(value, ACTIVITY) || value.length != ACTIVITY_BYTES) {
      return null;
    }
    ByteBuffer in = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).position(2);
    long received = in.getLong();
    long sample = in.getLong();
    int quality = in.get();
    if (quality < -1 || quality >= QUALITIES.length) {
      return null;
    }
    return new DeviceActivity.Snapshot(received, sample, quality < 0 ? null : QUALITIES[quality], in.getInt(),
        in.getLong());
  }

  static byte[] lease(long expiresUtcMs) {
    return ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put(VERSION).putLong(expiresUtcMs).array();
  }

  /** A watch lease's expiry (UTC ms), or -1 when the value is not a lease. */
  static long leaseOf(byte[] value) {
    return value == null || value.length != 9 || value[0] != VERSION ? -1
        : ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong(1);
  }

  private static boolean is(byte[] value, byte kind) {
    return value != null && value.length >= 2 && value[0] == VERSION && value[1] == kind;
  }

  private static int footSize(LiveFrame.Foot foot) {
    return 1 + (foot == null ? 0 : 4 + foot.cellsKpa().length * 4 + 24);
  }

  private static void putFoot(ByteBuffer out, LiveFrame.Foot foot) {
    out.put((byte) (foot == null ? 0 : 1));
    if (foot != null) {
      out.putInt(foot.cellsKpa().length);
      for (float kpa : foot.cellsKpa()) {
        out.putFloat(kpa);
      }
      out.putDouble(foot.copXMm()).putDouble(foot.copYMm()).putDouble(foot.loadN());
    }
  }

  private static LiveFrame.Foot foot(ByteBuffer in) {
    if (in.get() == 0) {
      return null;
    }
    float[] cells = new float[count(in.getInt())];
    for (int c = 0; c < cells.length; c++) {
      cells[c] = in.getFloat();
    }
    return new LiveFrame.Foot(cells, in.getDouble(), in.getDouble(), in.getDouble());
  }

  private static int count(int n) {
    if (n < 0 || n > MAX_CELLS) {
      throw new IllegalArgumentException("cell count " + n);
    }
    return n;
  }
}
