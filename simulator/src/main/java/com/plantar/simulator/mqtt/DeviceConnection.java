package com.plantar.simulator.mqtt;

import com.plantar.protocol.DeviceIds;
import com.plantar.protocol.FrameDecoder;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.FrameView;
import com.plantar.protocol.TimeResponse;
import com.plantar.simulator.device.DeviceCounters;
import com.plantar.simulator.device.InsoleFirmware;
import com.plantar.simulator.device.Uplink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection (Paho, v5 by default) carrying one insole ({@link #direct}) or, in hub mode,
 * a wearer's pair as a phone would ({@link #hub}). Publishes under each device's
 * {@code insole/v1/{tenant}/{deviceId}/} prefix, subscribes to its {@code ack}, {@code time/res} and
 * {@code cmd}, keeps QoS 1 publishes within the server's receive maximum (v5 CONNACK) or the
 * configured bound (v3), reconnects with backoff, and can be taken offline for a while. A hub
 * answers its insoles' time probes itself; a direct insole asks the gateway.
 *
 * <p>Threading: {@link #tick} and every other method run on one simulation thread, which owns this
 * object and its devices; Paho's callbacks only enqueue work for that thread. Ownership may pass
 * to another thread once the owner has stopped (a fleet closes its connections that way).
 */
public final class DeviceConnection {
  private static final Logger log = LoggerFactory.getLogger(DeviceConnection.class);
  private static final long LIVE_EXPIRY_SECONDS = 10;
  private static final long RETRY_MIN_US = 1_000_000;
  private static final long RETRY_MAX_US = 30_000_000;
  private static final int TIME_SOURCE_GATEWAY = 1;
  private static final int TIME_SOURCE_PHONE = 2;

  private enum State { DOWN, CONNECTING, UP }

  private final ConnectionSettings settings;
  private final String clientId;
  private final boolean answersTimeLocally;
  private final FrameEncoder encoder = new FrameEncoder();
  private final FrameDecoder decoder = new FrameDecoder();
  private final FrameView probe = new FrameView();
  private final List<InsoleFirmware> devices;
  private final DeviceCounters counters;
  private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
  private final List<String> roots = new ArrayList<>();
  private MqttLink link;
  private State state = State.DOWN;
  private volatile boolean connected;
  private int window;
  private int inFlight;
  private long nextAttemptUs;
  private long retryUs = RETRY_MIN_US;
  private long offlineUntilUs;
  private long nowUs;
  private int generation;

  private DeviceConnection(ConnectionSettings settings, String clientId, List<InsoleFirmware> devices,
      DeviceCounters counters, boolean answersTimeLocally) {
    this.settings = settings;
    this.clientId = clientId;
    this.answersTimeLocally = answersTimeLocally;
    this.devices = List.copyOf(devices);
    this.counters = counters;
    for (InsoleFirmware device : this.devices) {
      String root = settings.topicRoot(DeviceIds.toHex(device.deviceId()));
      roots.add(root);
      device.attach(new DeviceUplink(root));
    }
  }

  /** An insole with its own connection (Wi-Fi); username = device id unless set otherwise. */
  public static DeviceConnection direct(ConnectionSettings settings, InsoleFirmware device,
      DeviceCounters counters) {
    return new DeviceConnection(settings, DeviceIds.toHex(device.deviceId()), List.of(device), counters,
        false);
  }

  /**
   * A phone or hub relaying a wearer's insoles over one connection named {@code hubId}. As
   * PROTOCOL.md §10 says, the phone answers the insoles' time probes itself, locally over BLE, from
   * its own UTC clock (so both insoles share one clock, and ANCHOR source is 2).
   */
  public static DeviceConnection hub(ConnectionSettings settings, String hubId,
      List<InsoleFirmware> devices, DeviceCounters counters) {
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("a hub relays at least one insole");
    }
    return new DeviceConnection(settings, hubId, devices, counters, true);
  }

  public List<InsoleFirmware> devices() {
    return devices;
  }

  /** Whether the MQTT connection is up (readable from any thread). */
  public boolean isConnected() {
    return connected;
  }

  /** QoS 1 publishes allowed in flight on this connection right now. */
  public int window() {
    return window;
  }

  /** Advances to true time {@code trueUs}: handles MQTT events, (re)connects, runs the devices. */
  public void tick(long trueUs) {
    nowUs = trueUs;
    for (Runnable task = inbox.poll(); task != null; task = inbox.poll()) {
      task.run();
    }
    if (state == State.DOWN && trueUs >= nextAttemptUs && trueUs >= offlineUntilUs) {
      startConnect();
    }
    for (InsoleFirmware device : devices) {
      device.tick(trueUs);
    }
  }

  /** Drops the connection now (the broker publishes the will) and stays offline until {@code untilUs}. */
  public void goOffline(long untilUs) {
    offlineUntilUs = untilUs;
    if (link != null) {
      link.drop();
    }
    markDown();
  }

  /** Closes the connection cleanly; the devices stay as they are. */
  public void close() {
    offlineUntilUs = Long.MAX_VALUE;
    if (link != null) {
      link.close();
      link = null;
    }
    markDown();
  }

  private void startConnect() {
    state = State.CONNECTING;
    int attempt = ++generation;
    String willTopic = roots.get(0) + "state";
    link = settings.version() == MqttVersion.V5
        ? new PahoV5Link(settings, clientId, willTopic)
        : new PahoV3Link(settings, clientId, willTopic);
    MqttLink current = link;
    current.connect(new MqttLink.Listener() {
      @Override
      public void connected(int receiveMaximum) {
        inbox.add(() -> onConnected(attempt, receiveMaximum));
      }

      @Override
      public void connectFailed(Throwable cause) {
        inbox.add(() -> onConnectFailed(attempt, current, cause));
      }

      @Override
      public void lost(Throwable cause) {
        inbox.add(() -> onLost(attempt, cause));
      }

      @Override
      public void message(String topic, byte[] payload) {
        inbox.add(() -> onMessage(topic, payload));
      }
    });
  }

  private void onConnected(int attempt, int receiveMaximum) {
    if (attempt != generation || state != State.CONNECTING) {
      return;
    }
    List<String> topics = new ArrayList<>();
    for (String root : roots) {
      topics.add(root + "ack");
      topics.add(root + "time/res");
      topics.add(root + "cmd");
    }
    try {
      link.subscribe(topics.toArray(new String[0]));
    } catch (IllegalStateException e) {
      counters.connectErrors.increment();
      link.drop();
      markDown();
      return;
    }
    state = State.UP;
    connected = true;
    window = Math.max(1, Math.min(receiveMaximum, settings.maxInFlight()));
    inFlight = 0;
    retryUs = RETRY_MIN_US;
    for (InsoleFirmware device : devices) {
      device.onConnected(nowUs);
    }
  }

  private void onConnectFailed(int attempt, MqttLink failed, Throwable cause) {
    if (attempt != generation) {
      return;
    }
    counters.connectErrors.increment();
    log.debug("{}: connect failed: {}", clientId, cause == null ? "?" : cause.getMessage());
    failed.drop();
    markDown();
  }

  private void onLost(int attempt, Throwable cause) {
    if (attempt != generation || state == State.DOWN) {
      return;
    }
    counters.connectErrors.increment();
    log.debug("{}: connection lost: {}", clientId, cause == null ? "?" : cause.getMessage());
    link.drop();
    markDown();
  }

  private void markDown() {
    generation++;
    if (state != State.DOWN) {
      nextAttemptUs = nowUs + retryUs;
      retryUs = Math.min(RETRY_MAX_US, retryUs * 2);
    }
    state = State.DOWN;
    connected = false;
    inFlight = 0;
    for (InsoleFirmware device : devices) {
      device.onDisconnected();
    }
  }

  private void onMessage(String topic, byte[] payload) {
    for (int i = 0; i < roots.size(); i++) {
      String root = roots.get(i);
      if (topic.startsWith(root)) {
        devices.get(i).onControl(topic.substring(root.length()), payload, nowUs);
        return;
      }
    }
    counters.badControlFrames.increment();
  }

  /**
   * The phone's answer to a probe: received and sent at its UTC now, delivered on the next tick (a
   * BLE connection interval later).
   */
  private void answerLocally(byte[] request) {
    if (!decoder.decode(request, 0, request.length, probe).isOk()) {
      counters.badControlFrames.increment();
      return;
    }
    Instant now = Instant.now();
    long utcUs = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    byte[] response = encoder.encode(new TimeResponse(new FrameHeader(0, probe.deviceId(), probe.bootId()),
        probe.requestId(), probe.t0MonoUs(), utcUs, utcUs));
    String topic = settings.topicRoot(DeviceIds.toHex(probe.deviceId())) + "time/res";
    inbox.add(() -> onMessage(topic, response));
  }

  /** One device's view of this connection. */
  private final class DeviceUplink implements Uplink {
    private final String root;

    DeviceUplink(String root) {
      this.root = root;
    }

    @Override
    public boolean isOnline() {
      return state == State.UP;
    }

    @Override
    public int timeSource() {
      return answersTimeLocally ? TIME_SOURCE_PHONE : TIME_SOURCE_GATEWAY;
    }

    @Override
    public boolean publishQos0(String suffix, byte[] payload) {
      if (state != State.UP) {
        return false;
      }
      if (answersTimeLocally && suffix.equals("time/req")) {
        answerLocally(payload);
        return true;
      }
      try {
        boolean live = suffix.equals("live");
        String responseTopic = null;
        byte[] correlation = null;
        if (suffix.equals("time/req")) {
          responseTopic = root + "time/res";
          // Correlation Data = req_id, the u16 at the start of the TIME_REQ body.
          correlation = new byte[] {payload[24], payload[25]};
        }
        link.publish(root + suffix, payload, 0, false, live ? LIVE_EXPIRY_SECONDS : 0,
            responseTopic, correlation, () -> { }, counters.publishErrors::increment);
        return true;
      } catch (Exception e) {
        counters.publishErrors.increment();
        return false;
      }
    }

    @Override
    public boolean publishQos1(String suffix, byte[] payload, boolean retain, Runnable onDelivered) {
      if (state != State.UP || inFlight >= window) {
        return false;
      }
      int attempt = generation;
      try {
        link.publish(root + suffix, payload, 1, retain, 0, null, null,
            () -> inbox.add(() -> {
              releaseSlot(attempt);
              onDelivered.run();
            }),
            () -> inbox.add(() -> {
              counters.publishErrors.increment();
              releaseSlot(attempt);
            }));
        inFlight++;
        return true;
      } catch (Exception e) {
        counters.publishErrors.increment();
        return false;
      }
    }

    /** A QoS 1 publish of this connection attempt finished; those of older attempts were reset. */
    private void releaseSlot(int attempt) {
      if (attempt == generation) {
        inFlight--;
      }
    }

    @Override
    public int freeWindow() {
      return state == State.UP ? window - inFlight : 0;
    }
  }
}
