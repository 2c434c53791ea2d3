package com.plantar.simulator.history;

import com.plantar.protocol.Anchor;
import com.plantar.protocol.BlockType;
import com.plantar.protocol.CompatFlags;
import com.plantar.protocol.DataFrame;
import com.plantar.protocol.Encoding;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.Hello;
import com.plantar.protocol.SampleBlock;
import com.plantar.simulator.device.DeviceClock;
import com.plantar.simulator.device.InsoleConfig;
import com.plantar.simulator.device.VirtualInsole;
import com.plantar.simulator.model.Side;
import com.plantar.simulator.model.StanceProfiles;
import com.plantar.simulator.model.WearerGait;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.function.Consumer;

/**
 * Generates a wearer's past weeks as the frames its insoles would upload as backlog: per device and
 * day one boot (switched on at 06:00, boot ids counting up from 1), a HELLO, and for each walk an
 * ANCHOR (as a phone would give over BLE) followed by DATA frames flagged BACKLOG, with device
 * times on each boot's drifting clock. Frames are handed to the sink in time order, left and right
 * interleaved, so that weeks of data never sit in memory.
 *
 * <p>Deterministic for a request (its seed). Not thread-safe: use one generator per thread.
 */
public final class HistoryGenerator {
  private static final LocalTime SWITCH_ON = LocalTime.of(6, 0);
  private static final long ANCHOR_RTT_US = 30_000;
  private static final int ANCHOR_SOURCE_PHONE = 2;

  private final FrameEncoder encoder = new FrameEncoder();

  /** Generates every frame of {@code request} into {@code sink}; returns the DATA frames per device. */
  public long generate(HistoryRequest request, Consumer<HistoryFrame> sink) {
    StanceProfiles profiles = StanceProfiles.load(request.layout());
    long dataFrames = 0;
    long dayIndex = 0;
    for (LocalDate day = request.from(); day.isBefore(request.until()); day = day.plusDays(1), dayIndex++) {
      long bootId = dayIndex + 1;
      Instant bootAt = day.atTime(SWITCH_ON).atZone(request.zone()).toInstant();
      Device left = new Device(request, Side.LEFT, bootId, request.seed() * 2);
      Device right = new Device(request, Side.RIGHT, bootId, request.seed() * 2 + 1);
      for (int session = 0; session < request.sessionStarts().size(); session++) {
        LocalTime start = request.sessionStarts().get(session);
        if (start.isBefore(SWITCH_ON)) {
          continue;
        }
        Instant sessionAt = day.atTime(start).atZone(request.zone()).toInstant();
        long sessionTrueUs = micros(bootAt, sessionAt);
        long gaitSeed = request.seed() * 1_000_003L + dayIndex * 31 + session;
        WearerGait gait = new WearerGait(request.gaitOn(day), profiles, gaitSeed);
        left.startSession(gait, sessionTrueUs, bootAt, sink);
        right.startSession(gait, sessionTrueUs, bootAt, sink);
        long frames = request.sessionLength().toNanos() / 1000 * request.rateHz()
            / 1_000_000 / request.samplesPerFrame();
        for (long f = 0; f < frames; f++) {
          left.emitFrame(sink);
          right.emitFrame(sink);
        }
        dataFrames += frames;
      }
    }
    return dataFrames;
  }

  private static long micros(Instant from, Instant to) {
    return java.time.Duration.between(from, to).toNanos() / 1000;
  }

  /** One insole's state during one boot. */
  private final class Device {
    private final HistoryRequest request;
    private final Side side;
    private final long deviceId;
    private final long bootId;
    private final long seed;
    private final DeviceClock clock;
    private VirtualInsole insole;
    private Instant bootAt;
    private boolean helloSent;
    private long seq;
    private long sessionTrueUs;
    private long sessionMonoUs;
    private long sampleIndex;

    Device(HistoryRequest request, Side side, long bootId, long seed) {
      this.request = request;
      this.side = side;
      this.deviceId = side == Side.LEFT ? request.leftDeviceId() : request.rightDeviceId();
      this.bootId = bootId;
      this.seed = seed;
      double drift = side == Side.LEFT ? request.clockDriftPpm() : -request.clockDriftPpm();
      this.clock = new DeviceClock(drift, bootId, 0);
    }

    void startSession(WearerGait gait, long trueUs, Instant bootAt, Consumer<HistoryFrame> sink) {
      this.bootAt = bootAt;
      InsoleConfig config = InsoleConfig.typical(deviceId, side, seed + bootId)
          .withSampling(request.rateHz(), request.samplesPerFrame())
          .withEncoding(Encoding.DELTA);
      insole = new VirtualInsole(config, gait);
      sessionTrueUs = trueUs;
      sessionMonoUs = clock.monoUs(trueUs);
      sampleIndex = 0;
      FrameHeader header = new FrameHeader(0, deviceId, bootId);
      Instant sessionAt = bootAt.plusNanos(trueUs * 1000);
      if (!helloSent) {
        String json = insole.helloJson(bootId, sessionMonoUs, 0, 0, 0);
        sink.accept(new HistoryFrame(deviceId, "hello", encoder.encode(new Hello(header, json)), sessionAt));
        helloSent = true;
      }
      long utcUs = sessionAt.getEpochSecond() * 1_000_000 + sessionAt.getNano() / 1000;
      Anchor anchor = new Anchor(header, sessionMonoUs, utcUs, ANCHOR_RTT_US, ANCHOR_SOURCE_PHONE);
      sink.accept(new HistoryFrame(deviceId, "anchor", encoder.encode(anchor), sessionAt));
    }

    void emitFrame(Consumer<HistoryFrame> sink) {
      int cells = insole.cellCount();
      int perFrame = request.samplesPerFrame();
      int[] values = new int[cells * perFrame];
      boolean clipped = false;
      long firstMono = 0;
      long lastMono = 0;
      for (int s = 0; s < perFrame; s++) {
        long mono = sessionMonoUs + sampleIndex * 1_000_000L / request.rateHz();
        long trueUs = clock.trueUs(mono);
        clipped |= insole.sample(trueUs - sessionTrueUs, values, s * cells);
        if (s == 0) {
          firstMono = mono;
        }
        lastMono = mono;
        sampleIndex++;
      }
      int flags = CompatFlags.BACKLOG | (clipped ? CompatFlags.CLIPPED : 0);
      SampleBlock block = new SampleBlock(BlockType.PRESSURE, Encoding.DELTA, cells, values);
      DataFrame frame = new DataFrame(new FrameHeader(flags, deviceId, bootId), seq++, firstMono,
          lastMono - firstMono, perFrame, insole.configId(), List.of(block));
      Instant at = bootAt.plusNanos(clock.trueUs(firstMono) * 1000);
      sink.accept(new HistoryFrame(deviceId, "sync", encoder.encode(frame), at));
    }
  }
}
