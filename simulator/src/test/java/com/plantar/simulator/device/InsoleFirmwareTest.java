package com.plantar.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.protocol.BlockType;
import com.plantar.protocol.CompatFlags;
import com.plantar.protocol.DecodeStatus;
import com.plantar.protocol.FrameDecoder;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.FrameView;
import com.plantar.protocol.MessageType;
import com.plantar.protocol.TimeResponse;
import com.plantar.simulator.model.GaitParameters;
import com.plantar.simulator.model.Side;
import com.plantar.simulator.model.StanceProfiles;
import com.plantar.simulator.model.WearerGait;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The firmware's behaviour in stepped virtual time, against an in-memory uplink. */
class InsoleFirmwareTest {
  private static final long DEVICE = 0xABCDL;
  private static final long UTC_MINUS_TRUE = 1_760_000_000_000_000L;
  private final DeviceCounters counters = new DeviceCounters();
  private final FrameDecoder decoder = new FrameDecoder();

  private InsoleFirmware firmware(InsoleConfig config, GaitParameters gait, DeviceBehaviour behaviour) {
    WearerGait model = new WearerGait(gait, StanceProfiles.moticon16(), 5);
    return new InsoleFirmware(new VirtualInsole(config, model), behaviour, 1, 0, counters);
  }

  private List<FrameView> frames(byte[] payload) {
    List<FrameView> frames = new ArrayList<>();
    int offset = 0;
    while (offset < payload.length) {
      FrameView view = new FrameView();
      assertThat(decoder.decode(payload, offset, payload.length - offset, view)).isEqualTo(DecodeStatus.OK);
      frames.add(view);
      offset += view.frameLength();
    }
    return frames;
  }

  /** Runs the device to {@code untilUs} in 10 ms steps, answering its time probes like a gateway. */
  private long run(InsoleFirmware device, RecordingUplink uplink, long fromUs, long untilUs, boolean deliver) {
    FrameEncoder encoder = new FrameEncoder();
    int answered = uplink.on("time/req").size();
    long t = fromUs;
    for (; t <= untilUs; t += 10_000) {
      device.tick(t);
      List<RecordingUplink.Published> probes = uplink.on("time/req");
      for (; answered < probes.size(); answered++) {
        FrameView probe = frames(probes.get(answered).payload()).get(0);
        long utc = t + UTC_MINUS_TRUE;
        byte[] response = encoder.encode(new TimeResponse(new FrameHeader(0, DEVICE, probe.bootId()),
            probe.requestId(), probe.t0MonoUs(), utc, utc + 100));
        device.onControl("time/res", response, t + 2_000);
      }
      if (deliver) {
        uplink.deliverAll();
      }
    }
    return t;
  }

  @Test
  void backlogAfterAnOfflineHourGoesUpOldestFirstInPayloadsOfAtMost32KiBWithinTheWindow() {
    InsoleConfig config = InsoleConfig.typical(DEVICE, Side.LEFT, 1).withEncoding(com.plantar.protocol.Encoding.RAW16);
    InsoleFirmware device = firmware(config, GaitParameters.typical(), DeviceBehaviour.typical().withFlashBytes(64L << 20));
    RecordingUplink uplink = new RecordingUplink(3);
    device.attach(uplink);
    uplink.online = false;
    long t = run(device, uplink, 0, 120_000_000, false);
    long offlineFrames = device.flash().dataFrames();
    assertThat(offlineFrames).isEqualTo(480);

    uplink.online = true;
    device.onConnected(t);
    // Nothing is acknowledged by the broker yet: the window must hold.
    run(device, uplink, t, t + 2_000_000, false);
    assertThat(uplink.maxPendingSeen).isEqualTo(3);
    uplink.deliverAll();
    run(device, uplink, t + 2_000_000, t + 20_000_000, true);

    assertThat(uplink.on("hello")).hasSize(1);
    assertThat(uplink.on("anchor")).hasSize(1);
    List<Long> seqs = new ArrayList<>();
    for (RecordingUplink.Published sync : uplink.on("sync")) {
      assertThat(sync.payload().length).isLessThanOrEqualTo(32 * 1024);
      assertThat(sync.qos()).isEqualTo(1);
      for (FrameView frame : frames(sync.payload())) {
        assertThat(frame.hasFlag(CompatFlags.BACKLOG)).isTrue();
        seqs.add(frame.seq());
      }
    }
    assertThat(seqs).hasSize((int) offlineFrames).isSorted().startsWith(0L);
    assertThat(uplink.on("sync").size()).isGreaterThan(1);
  }

  @Test
  void rebootStartsANewBootWithSeqZeroAndUploadsThePreviousBootFirst() {
    InsoleFirmware device = firmware(InsoleConfig.typical(DEVICE, Side.RIGHT, 2), GaitParameters.typical(),
        DeviceBehaviour.typical());
    RecordingUplink uplink = new RecordingUplink(8);
    device.attach(uplink);
    uplink.online = false;
    long t = run(device, uplink, 0, 10_000_000, false);
    device.reboot(t);
    assertThat(device.clock().bootId()).isEqualTo(2);
    t = run(device, uplink, t + 10_000, t + 5_000_000, false);
    uplink.online = true;
    device.onConnected(t);
    run(device, uplink, t, t + 5_000_000, true);

    FrameView hello = frames(uplink.on("hello").get(0).payload()).get(0);
    assertThat(hello.bootId()).isEqualTo(2);
    assertThat(hello.jsonText()).contains("\"boot_id\":2", "\"oldest\":{\"boot\":1,\"seq\":0}");
    List<long[]> uploaded = new ArrayList<>();
    for (RecordingUplink.Published sync : uplink.on("sync")) {
      for (FrameView frame : frames(sync.payload())) {
        uploaded.add(new long[] {frame.bootId(), frame.seq()});
      }
    }
    assertThat(uploaded.get(0)).containsExactly(1, 0);
    int firstOfBoot2 = 0;
    while (uploaded.get(firstOfBoot2)[0] == 1) {
      firstOfBoot2++;
    }
    assertThat(firstOfBoot2).isEqualTo(40);
    assertThat(uploaded.get(firstOfBoot2)).containsExactly(2, 0);
    assertThat(uploaded.subList(firstOfBoot2, uploaded.size())).allMatch(f -> f[0] == 2);
  }

  @Test
  void clockDriftShowsInHowManyFramesADeviceMakesInTrueTime() {
    InsoleFirmware fast = firmware(InsoleConfig.typical(DEVICE, Side.LEFT, 1), GaitParameters.typical(),
        DeviceBehaviour.typical().withClockDriftPpm(5_000));
    InsoleFirmware exact = firmware(InsoleConfig.typical(DEVICE, Side.LEFT, 1), GaitParameters.typical(),
        DeviceBehaviour.typical().withClockDriftPpm(0));
    for (InsoleFirmware device : List.of(fast, exact)) {
      RecordingUplink uplink = new RecordingUplink(8);
      uplink.online = false;
      device.attach(uplink);
      run(device, uplink, 0, 100_000_000, false);
    }
    assertThat(exact.nextSeq()).isEqualTo(400);
    assertThat(fast.nextSeq()).isEqualTo(402);
  }

  @Test
  void deadCellReadsZeroAndSaturatedCellsClipAtFullScaleWithTheFlag() {
    InsoleConfig config = InsoleConfig.typical(DEVICE, Side.LEFT, 1).withImperfections(3, 8, 5, 260);
    InsoleFirmware device = firmware(config, GaitParameters.typical().withBodyWeightKg(150), DeviceBehaviour.typical());
    RecordingUplink uplink = new RecordingUplink(8);
    device.attach(uplink);
    device.onConnected(0);
    run(device, uplink, 0, 20_000_000, true);
    int clippedFrames = 0;
    for (RecordingUplink.Published live : uplink.on("live")) {
      FrameView frame = frames(live.payload()).get(0);
      assertThat(frame.type()).isEqualTo(MessageType.DATA);
      var pressure = frame.block(BlockType.PRESSURE);
      boolean atFullScale = false;
      for (int s = 0; s < frame.sampleCount(); s++) {
        assertThat(pressure.value(s, 5)).isZero();
        for (int c = 0; c < 16; c++) {
          atFullScale |= pressure.value(s, c) == LutCalibration.FULL_SCALE;
        }
      }
      assertThat(frame.hasFlag(CompatFlags.CLIPPED)).isEqualTo(atFullScale);
      clippedFrames += atFullScale ? 1 : 0;
    }
    assertThat(uplink.on("live")).hasSizeGreaterThan(70);
    assertThat(clippedFrames).isPositive();
  }

  @Test
  void commandsAreActedOnOnceByIdAndWhatTheDeviceCannotDoIsAnsweredWithAnEvent() {
    InsoleFirmware device = firmware(InsoleConfig.typical(DEVICE, Side.LEFT, 1), GaitParameters.typical(),
        DeviceBehaviour.typical());
    RecordingUplink uplink = new RecordingUplink(16);
    device.attach(uplink);
    device.onConnected(0);
    long t = run(device, uplink, 0, 2_000_000, true);
    int hellos = uplink.on("hello").size();
    int events = uplink.on("evt").size();

    device.onControl("cmd", "{\"cmd\":\"rebirth\",\"id\":\"a1\"}".getBytes(StandardCharsets.UTF_8), t);
    device.onControl("cmd", "{\"cmd\":\"rebirth\",\"id\":\"a1\"}".getBytes(StandardCharsets.UTF_8), t);
    assertThat(uplink.on("hello")).as("a redelivered command acts once").hasSize(hellos + 1);

    device.onControl("cmd", "{\"cmd\":\"tare\",\"id\":\"a2\"}".getBytes(StandardCharsets.UTF_8), t);
    List<RecordingUplink.Published> evt = uplink.on("evt");
    assertThat(evt).hasSize(events + 1);
    FrameView refusal = frames(evt.get(evt.size() - 1).payload()).get(0);
    assertThat(refusal.jsonText()).contains("\"command_refused\"").contains("\"tare\"");

    int live = uplink.on("live").size();
    device.onControl("cmd", "{\"cmd\":\"stop\",\"id\":\"a3\"}".getBytes(StandardCharsets.UTF_8), t);
    t = run(device, uplink, t + 10_000, t + 1_000_000, true);
    assertThat(uplink.on("live")).as("no live frames while stopped").hasSize(live);
    device.onControl("cmd", "{\"cmd\":\"start\",\"id\":\"a4\"}".getBytes(StandardCharsets.UTF_8), t);
    run(device, uplink, t + 10_000, t + 1_000_000, true);
    assertThat(uplink.on("live").size()).isGreaterThan(live);

    device.onControl("cmd", "not json".getBytes(StandardCharsets.UTF_8), t);
    assertThat(counters.badControlFrames.sum()).isEqualTo(1);
  }
}
