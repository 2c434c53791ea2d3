package com.plantar.simulator.device;

import com.plantar.protocol.Anchor;
import com.plantar.protocol.BlockType;
import com.plantar.protocol.CompatFlags;
import com.plantar.protocol.DataFrame;
import com.plantar.protocol.DecodeStatus;
import com.plantar.protocol.Event;
import com.plantar.protocol.FrameDecoder;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.FrameView;
import com.plantar.protocol.Hello;
import com.plantar.protocol.MessageType;
import com.plantar.protocol.SampleBlock;
import com.plantar.protocol.TimeRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an insole's firmware does, per PROTOCOL.md, without any MQTT: samples its sensors on its
 * own clock, packs DATA frames, logs each to flash and then publishes it live; on (re)connect sends
 * HELLO, a TIME_REQ burst and an ANCHOR, then uploads its unacknowledged frames oldest first on
 * {@code sync} within the in-flight window; frees flash on ACK, serves NACKs, reboots and reports
 * its battery.
 *
 * <p>Not thread-safe: every method runs on the device's simulation thread (MQTT callbacks are
 * handed over to it by the connection).
 */
public final class InsoleFirmware {
  private static final long TIME_SYNC_EVERY_US = 600_000_000L;

  private final VirtualInsole insole;
  private final DeviceBehaviour behaviour;
  private final DeviceClock clock;
  private final FlashLog flash;
  private final DeviceCounters counters;
  private final FrameEncoder encoder = new FrameEncoder();
  private final FrameDecoder decoder = new FrameDecoder();
  private final FrameView view = new FrameView();
  private final int cells;
  private final int perFrame;
  private final int[] buffer;
  private Uplink uplink;

  private long seq;
  private long sampleIndex;
  private int buffered;
  private long firstSampleMono;
  private boolean clippedInFrame;
  private boolean gapPending;
  private boolean streaming = true;
  /** The last command IDs acted on: a QoS 1 redelivery of one is not acted on again. */
  private final ArrayDeque<String> recentCommandIds = new ArrayDeque<>();
  private static final int RECENT_COMMAND_IDS = 16;

  private boolean online;
  private TimeSync burst;
  private boolean handshakeDone;
  private long nextBurstMono;
  private int nextRequestId;
  private long uploadCursor;
  private long uploadLimit;

  private long nextRebootTrueUs;
  private long nextBatteryTrueUs;
  private double batteryPct = 100;

  public InsoleFirmware(VirtualInsole insole, DeviceBehaviour behaviour, long firstBootId,
      long startTrueUs, DeviceCounters counters) {
    this.insole = insole;
    this.behaviour = behaviour;
    this.clock = new DeviceClock(behaviour.clockDriftPpm(), firstBootId, startTrueUs);
    this.flash = new FlashLog(behaviour.flashBytes());
    this.counters = counters;
    this.cells = insole.cellCount();
    this.perFrame = insole.config().samplesPerFrame();
    this.buffer = new int[cells * perFrame];
    this.nextRebootTrueUs = schedule(startTrueUs, behaviour.rebootEverySeconds());
    this.nextBatteryTrueUs = schedule(startTrueUs, behaviour.batteryEventEverySeconds());
  }

  private static long schedule(long fromUs, double everySeconds) {
    return everySeconds > 0 ? fromUs + Math.round(everySeconds * 1e6) : Long.MAX_VALUE;
  }

  public long deviceId() {
    return insole.config().deviceId();
  }

  public VirtualInsole insole() {
    return insole;
  }

  public DeviceClock clock() {
    return clock;
  }

  public FlashLog flash() {
    return flash;
  }

  /** The next seq this boot will give a DATA frame. */
  public long nextSeq() {
    return seq;
  }

  public void attach(Uplink link) {
    this.uplink = link;
  }

  /** The connection came up at {@code trueUs}: HELLO, then a time-sync burst, then the backlog. */
  public void onConnected(long trueUs) {
    online = true;
    long mono = clock.monoUs(trueUs);
    uplink.publishQos1("state", "online".getBytes(StandardCharsets.UTF_8), true, () -> { });
    publishHello(mono);
    startBurst(mono);
    handshakeDone = false;
    uploadCursor = 0;
    uploadLimit = flash.nextPosition();
  }

  public void onDisconnected() {
    online = false;
    burst = null;
    handshakeDone = false;
  }

  public boolean isOnline() {
    return online;
  }

  /** Advances the device to true time {@code trueUs}: samples, frames, time sync, upload, events. */
  public void tick(long trueUs) {
    if (trueUs >= nextRebootTrueUs) {
      reboot(trueUs);
      nextRebootTrueUs = schedule(trueUs, behaviour.rebootEverySeconds());
    }
    sampleUntil(trueUs);
    long mono = clock.monoUs(trueUs);
    if (online && uplink.isOnline()) {
      runTimeSync(mono);
      if (handshakeDone) {
        upload();
      }
    }
    if (trueUs >= nextBatteryTrueUs) {
      nextBatteryTrueUs = schedule(trueUs, behaviour.batteryEventEverySeconds());
      batteryEvent();
    }
  }

  /** Restarts the device: new boot id, clock and seq from 0, the partial frame lost. */
  public void reboot(long trueUs) {
    clock.reboot(trueUs);
    counters.reboots.increment();
    seq = 0;
    sampleIndex = 0;
    buffered = 0;
    clippedInFrame = false;
    gapPending = false;
    if (online && uplink.isOnline()) {
      long mono = clock.monoUs(trueUs);
      publishHello(mono);
      startBurst(mono);
    }
  }

  private void sampleUntil(long trueUs) {
    long periodNumerator = 1_000_000L;
    int rate = insole.config().rateHz();
    while (true) {
      long mono = sampleIndex * periodNumerator / rate;
      long sampleTrue = clock.trueUs(mono);
      if (sampleTrue > trueUs) {
        return;
      }
      if (buffered == 0) {
        firstSampleMono = mono;
      }
      clippedInFrame |= insole.sample(sampleTrue, buffer, buffered * cells);
      buffered++;
      sampleIndex++;
      if (buffered == perFrame) {
        long lastMono = mono;
        if (streaming) {
          emitFrame(lastMono);
        }
        buffered = 0;
        clippedInFrame = false;
      }
    }
  }

  private void emitFrame(long lastMono) {
    int flags = (clippedInFrame ? CompatFlags.CLIPPED : 0) | (gapPending ? CompatFlags.GAP_BEFORE : 0);
    FrameHeader header = new FrameHeader(flags, deviceId(), clock.bootId());
    SampleBlock block = new SampleBlock(BlockType.PRESSURE, insole.config().encoding(), cells, buffer);
    long frameSeq = seq;
    seq = (seq + 1) & 0xFFFF_FFFFL;
    DataFrame frame = new DataFrame(header, frameSeq, firstSampleMono, lastMono - firstSampleMono,
        perFrame, insole.configId(), List.of(block));
    byte[] bytes = encoder.encode(frame);
    counters.framesProduced.increment();
    boolean logged = flash.appendData(clock.bootId(), frameSeq, bytes);
    if (!logged) {
      counters.flashRefused.increment();
    }
    boolean sent = online && uplink.isOnline() && uplink.publishQos0("live", bytes);
    if (sent) {
      counters.liveSent.increment();
    }
    gapPending = !logged && !sent;
  }

  private void publishHello(long mono) {
    FlashLog.Entry oldest = flash.oldestData();
    String json = insole.helloJson(clock.bootId(), mono, flash.dataFrames(),
        oldest == null ? 0 : oldest.bootId(), oldest == null ? 0 : oldest.seq());
    byte[] hello = encoder.encode(new Hello(new FrameHeader(0, deviceId(), clock.bootId()), json));
    if (!uplink.publishQos1("hello", hello, true, () -> { })) {
      counters.publishErrors.increment();
    }
  }

  /** The current HELLO frame, as published on connect. */
  public byte[] helloFrame(long trueUs) {
    FlashLog.Entry oldest = flash.oldestData();
    String json = insole.helloJson(clock.bootId(), clock.monoUs(trueUs), flash.dataFrames(),
        oldest == null ? 0 : oldest.bootId(), oldest == null ? 0 : oldest.seq());
    return encoder.encode(new Hello(new FrameHeader(0, deviceId(), clock.bootId()), json));
  }

  private void startBurst(long mono) {
    burst = new TimeSync(mono, nextRequestId);
    nextRequestId = (nextRequestId + TimeSync.PROBES) & 0xFFFF;
  }

  private void runTimeSync(long mono) {
    if (burst == null) {
      if (mono >= nextBurstMono) {
        startBurst(mono);
      }
      return;
    }
    for (int id = burst.nextProbe(mono); id >= 0; id = burst.nextProbe(mono)) {
      byte[] probe = encoder.encode(new TimeRequest(new FrameHeader(0, deviceId(), clock.bootId()), id, mono));
      uplink.publishQos0("time/req", probe);
    }
    if (burst.finished(mono)) {
      TimeSync.Result result = burst.result();
      burst = null;
      nextBurstMono = mono + TIME_SYNC_EVERY_US;
      if (result != null) {
        sendAnchor(result);
      }
      handshakeDone = true;
    }
  }

  private void sendAnchor(TimeSync.Result result) {
    byte[] anchor = encoder.encode(new Anchor(new FrameHeader(0, deviceId(), clock.bootId()),
        result.monoUs(), result.utcUs(), Math.min(result.rttUs(), 0xFFFF_FFFFL), uplink.timeSource()));
    long position = flash.nextPosition();
    boolean logged = flash.appendAnchor(clock.bootId(), anchor);
    boolean sent = uplink.publishQos1("anchor", anchor, false, () -> {
      if (logged) {
        flash.freeEntry(position);
      }
    });
    if (sent) {
      counters.anchorsSent.increment();
    }
  }

  /** Uploads unacknowledged frames oldest first (NACKed ones before the rest), within the window. */
  private void upload() {
    for (int n = 0; n < behaviour.syncPublishesPerTick() && uplink.freeWindow() > 0; n++) {
      if (!uploadOne()) {
        return;
      }
    }
  }

  private boolean uploadOne() {
    List<byte[]> frames = new ArrayList<>();
    int size = 0;
    FlashLog.Entry resend;
    while ((resend = flash.pollResend()) != null) {
      frames.add(resend.frame());
      size += resend.frame().length;
      counters.nackedResent.increment();
      if (size >= DeviceBehaviour.MAX_SYNC_PAYLOAD) {
        break;
      }
    }
    long cursor = uploadCursor;
    if (frames.isEmpty()) {
      FlashLog.Entry entry = flash.oldestFrom(cursor);
      while (entry != null && entry.position() < uploadLimit) {
        if (!entry.isData()) {
          if (!frames.isEmpty()) {
            break;
          }
          FlashLog.Entry anchor = entry;
          if (!uplink.publishQos1("anchor", anchor.frame(), false, () -> flash.freeEntry(anchor.position()))) {
            return false;
          }
          counters.anchorsSent.increment();
          uploadCursor = anchor.position() + 1;
          return true;
        }
        if (!frames.isEmpty() && size + entry.frame().length > DeviceBehaviour.MAX_SYNC_PAYLOAD) {
          break;
        }
        frames.add(entry.frame());
        size += entry.frame().length;
        cursor = entry.position() + 1;
        entry = flash.oldestFrom(cursor);
      }
    }
    if (frames.isEmpty()) {
      return false;
    }
    ByteArrayOutputStream payload = new ByteArrayOutputStream(size);
    for (byte[] frame : frames) {
      payload.writeBytes(Frames.withCompatFlags(frame, CompatFlags.BACKLOG));
    }
    if (!uplink.publishQos1("sync", payload.toByteArray(), false, () -> { })) {
      return false;
    }
    uploadCursor = cursor;
    counters.backlogSent.add(frames.size());
    return true;
  }

  /** Handles a payload received on {@code ack}, {@code time/res} or {@code cmd} at {@code trueUs}. */
  public void onControl(String suffix, byte[] payload, long trueUs) {
    switch (suffix) {
      case "ack" -> onAck(payload);
      case "time/res" -> onTimeResponse(payload, trueUs);
      case "cmd" -> onCommand(new String(payload, StandardCharsets.UTF_8), trueUs);
      default -> counters.badControlFrames.increment();
    }
  }

  private void onAck(byte[] payload) {
    DecodeStatus status = decoder.decode(payload, 0, payload.length, view);
    if (!status.isOk() || view.deviceId() != deviceId()) {
      counters.badControlFrames.increment();
      return;
    }
    List<long[]> ranges = new ArrayList<>(view.rangeCount());
    for (int i = 0; i < view.rangeCount(); i++) {
      ranges.add(new long[] {view.rangeStart(i), view.rangeLength(i)});
    }
    if (view.type() == MessageType.ACK) {
      counters.framesAcked.add(flash.acknowledge(view.bootId(), view.nextSeq(), ranges));
    } else if (view.type() == MessageType.NACK) {
      flash.requestResend(view.bootId(), ranges);
    } else {
      counters.badControlFrames.increment();
    }
  }

  private void onTimeResponse(byte[] payload, long trueUs) {
    DecodeStatus status = decoder.decode(payload, 0, payload.length, view);
    if (!status.isOk() || view.type() != MessageType.TIME_RES || view.deviceId() != deviceId()) {
      counters.badControlFrames.increment();
      return;
    }
    if (burst != null && view.bootId() == clock.bootId()) {
      burst.onResponse(view.requestId(), view.t0MonoUs(), view.t1UtcUs(), view.t2UtcUs(), clock.monoUs(trueUs));
    }
  }

  /**
   * A command on {@code cmd} (PROTOCOL.md §11): {@code {"cmd":"NAME","id":"ID",…}}. A repeated ID
   * (QoS 1 redelivery) is acted on once. The simulator has a fixed sampling rate and no zero offsets
   * to take, so {@code set_rate} and {@code tare} are answered with an EVENT saying so, as firmware
   * that cannot do something should; anything unreadable is counted as a bad control frame.
   */
  private void onCommand(String json, long trueUs) {
    String name = jsonString(json, "cmd");
    String id = jsonString(json, "id");
    if (name == null) {
      counters.badControlFrames.increment();
      return;
    }
    if (id != null) {
      if (recentCommandIds.contains(id)) {
        return;
      }
      recentCommandIds.addLast(id);
      if (recentCommandIds.size() > RECENT_COMMAND_IDS) {
        recentCommandIds.removeFirst();
      }
    }
    switch (name) {
      case "rebirth" -> publishHello(clock.monoUs(trueUs));
      case "stop" -> streaming = false;
      case "start" -> streaming = true;
      case "resend" -> {
        uploadCursor = 0;
        uploadLimit = flash.nextPosition();
      }
      case "set_rate", "tare" -> publishEvent("{\"type\":\"command_refused\",\"cmd\":\"" + name
          + "\",\"reason\":\"not supported by this device\"}");
      default -> counters.badControlFrames.increment();
    }
  }

  /** The value of a string field (of the command alphabet) in a flat JSON object, or null. */
  private static String jsonString(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([A-Za-z0-9_-]{1,64})\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  private void publishEvent(String json) {
    if (online && uplink.isOnline()) {
      byte[] event = encoder.encode(new Event(new FrameHeader(0, deviceId(), clock.bootId()), json));
      uplink.publishQos1("evt", event, false, () -> { });
    }
  }

  private void batteryEvent() {
    batteryPct = Math.max(1, batteryPct - 1);
    publishEvent("{\"type\":\"battery\",\"pct\":" + (int) batteryPct + "}");
  }
}
