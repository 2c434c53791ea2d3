package com.plantar.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.protocol.Ack;
import com.plantar.protocol.BlockType;
import com.plantar.protocol.CompatFlags;
import com.plantar.protocol.DataBlock;
import com.plantar.protocol.DecodeStatus;
import com.plantar.protocol.DeviceIds;
import com.plantar.protocol.FrameDecoder;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.FrameView;
import com.plantar.protocol.MessageType;
import com.plantar.protocol.Nack;
import com.plantar.protocol.SeqRange;
import com.plantar.simulator.device.DeviceBehaviour;
import com.plantar.simulator.device.DeviceCounters;
import com.plantar.simulator.device.InsoleConfig;
import com.plantar.simulator.device.InsoleFirmware;
import com.plantar.simulator.device.VirtualInsole;
import com.plantar.simulator.model.GaitParameters;
import com.plantar.simulator.model.Side;
import com.plantar.simulator.model.StanceProfiles;
import com.plantar.simulator.model.WearerGait;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceConnectionTest {
  private static final long DEVICE_ID = 0x00000000CAFE0001L;
  private static final String TENANT = "t1";

  @TempDir Path dir;
  private MosquittoBroker broker;
  private GatewayProbe gateway;
  private final List<AutoCloseable> closeLater = new ArrayList<>();
  private final DeviceCounters counters = new DeviceCounters();
  private final long startNanos = System.nanoTime();

  @BeforeEach
  void startBroker() throws Exception {
    broker = MosquittoBroker.start(dir);
    gateway = new GatewayProbe(broker.url(), TENANT, "gateway-probe");
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeLater) {
      c.close();
    }
    gateway.close();
    broker.close();
  }

  private long nowUs() {
    return (System.nanoTime() - startNanos) / 1000;
  }

  private InsoleFirmware firmware(long deviceId, Side side) {
    WearerGait gait = new WearerGait(GaitParameters.typical(), StanceProfiles.moticon16(), 7);
    VirtualInsole insole = new VirtualInsole(InsoleConfig.typical(deviceId, side, 11), gait);
    return new InsoleFirmware(insole, DeviceBehaviour.typical(), 3, nowUs(), counters);
  }

  private DeviceConnection connect(ConnectionSettings settings, InsoleFirmware device) {
    DeviceConnection connection = DeviceConnection.direct(
        settings.withCredentials(DeviceIds.toHex(device.deviceId()), "token"), device, counters);
    closeLater.add(connection::close);
    return connection;
  }

  /** Ticks the connection on the test thread (its owner) until the condition holds. */
  private void runUntil(DeviceConnection connection, String what, BooleanSupplier condition) {
    await(what).atMost(Duration.ofSeconds(15)).pollInSameThread().pollInterval(Duration.ofMillis(5))
        .until(() -> {
          connection.tick(nowUs());
          return condition.getAsBoolean();
        });
  }

  private static List<FrameView> decodeAll(byte[] payload) {
    List<FrameView> frames = new ArrayList<>();
    FrameDecoder decoder = new FrameDecoder();
    int offset = 0;
    while (offset < payload.length) {
      FrameView view = new FrameView();
      DecodeStatus status = decoder.decode(payload, offset, payload.length - offset, view);
      assertThat(status).isEqualTo(DecodeStatus.OK);
      frames.add(view);
      offset += view.frameLength();
    }
    return frames;
  }

  @Test
  void deviceGreetsSyncsTimeStreamsFreesFlashOnAckServesNackAndUploadsBacklogOldestFirst() throws Exception {
    ConnectionSettings settings = new ConnectionSettings(broker.url(), TENANT, MqttVersion.V5, null, null, 8);
    InsoleFirmware device = firmware(DEVICE_ID, Side.LEFT);
    DeviceConnection connection = connect(settings, device);
    String root = settings.topicRoot(DeviceIds.toHex(DEVICE_ID));

    // HELLO, time sync (8 probes answered by the gateway) and an ANCHOR.
    runUntil(connection, "anchor after time sync", () -> !gateway.on("anchor").isEmpty());
    assertThat(gateway.on("time/req")).hasSize(8);
    FrameView hello = decodeAll(gateway.on("hello").get(0).payload()).get(0);
    assertThat(hello.type()).isEqualTo(MessageType.HELLO);
    String helloJson = hello.jsonText();
    assertThat(helloJson).contains("\"side\":\"L\"", "\"boot_id\":3", "\"count\":16", "\"model\":\"lut\"");
    FrameView anchor = decodeAll(gateway.on("anchor").get(0).payload()).get(0);
    assertThat(anchor.type()).isEqualTo(MessageType.ANCHOR);
    assertThat(anchor.utcUs()).isCloseTo(System.currentTimeMillis() * 1000, org.assertj.core.data.Offset.offset(5_000_000L));

    // HELLO is retained: a newcomer gets it.
    try (GatewayProbe late = new GatewayProbe(broker.url(), TENANT, "late-subscriber")) {
      await("retained hello").atMost(Duration.ofSeconds(5)).until(() -> !late.on("hello").isEmpty());
      assertThat(late.on("hello").get(0).retained()).isTrue();
    }

    // Live frames decode and carry the configured content.
    runUntil(connection, "live frames", () -> gateway.on("live").size() >= 6);
    List<FrameView> live = new ArrayList<>();
    for (GatewayProbe.Received r : gateway.on("live")) {
      live.addAll(decodeAll(r.payload()));
    }
    String configId = String.format(Locale.ROOT, "\"config_id\":\"%08x\"", live.get(0).configId());
    assertThat(helloJson).contains(configId);
    for (int i = 0; i < live.size(); i++) {
      FrameView frame = live.get(i);
      assertThat(frame.deviceId()).isEqualTo(DEVICE_ID);
      assertThat(frame.bootId()).isEqualTo(3);
      assertThat(frame.hasFlag(CompatFlags.BACKLOG)).isFalse();
      assertThat(frame.sampleCount()).isEqualTo(25);
      DataBlock pressure = frame.block(BlockType.PRESSURE);
      assertThat(pressure.channels()).isEqualTo(16);
      if (i > 0) {
        assertThat(frame.seq()).isEqualTo(live.get(i - 1).seq() + 1);
        assertThat(frame.firstSampleUs()).isEqualTo(live.get(i - 1).firstSampleUs() + 250_000);
      }
    }

    // ACK frees flash below next_seq (and the selective range).
    FrameEncoder encoder = new FrameEncoder();
    FrameHeader toDevice = new FrameHeader(0, DEVICE_ID, 3);
    gateway.send(root + "ack", encoder.encode(new Ack(toDevice, 3, List.of(new SeqRange(4, 1)))));
    runUntil(connection, "flash freed by ACK", () -> !device.flash().contains(3, 0));
    assertThat(device.flash().contains(3, 2)).isFalse();
    assertThat(device.flash().contains(3, 3)).isTrue();
    assertThat(device.flash().contains(3, 4)).isFalse();
    assertThat(device.flash().contains(3, 5)).isTrue();

    // NACK: the frames still in flash come again on sync, flagged BACKLOG (3 and 5; 4 is freed).
    int syncBeforeNack = gateway.on("sync").size();
    gateway.send(root + "ack", encoder.encode(new Nack(toDevice, List.of(new SeqRange(3, 3)))));
    runUntil(connection, "NACKed frames on sync", () -> gateway.on("sync").size() > syncBeforeNack);
    assertThat(syncSeqs(syncBeforeNack)).containsExactly(3L, 5L);

    // Offline: frames pile up in flash; on reconnect they arrive on sync, oldest first.
    long lastLiveSeq = device.nextSeq() - 1;
    connection.goOffline(nowUs() + 1_500_000);
    int syncBefore = gateway.on("sync").size();
    long producedOffline = device.nextSeq();
    runUntil(connection, "reconnected", () -> connection.isConnected() && device.nextSeq() > producedOffline + 3);
    runUntil(connection, "backlog uploaded", () -> {
      List<Long> seqs = syncSeqs(syncBefore);
      return seqs.contains(producedOffline + 2);
    });
    List<Long> backlog = syncSeqs(syncBefore);
    assertThat(backlog).isSorted();
    assertThat(backlog.get(0)).isEqualTo(3L);
    assertThat(backlog).contains(lastLiveSeq + 1, producedOffline);
    assertThat(new String(gateway.on("state").get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("online");
    assertThat(gateway.on("state").stream().map(r -> new String(r.payload(), StandardCharsets.UTF_8)))
        .contains("offline");
    assertThat(counters.badControlFrames.sum()).isZero();
  }

  private List<Long> syncSeqs(int fromPayload) {
    List<Long> seqs = new ArrayList<>();
    List<GatewayProbe.Received> sync = gateway.on("sync");
    for (int i = fromPayload; i < sync.size(); i++) {
      for (FrameView frame : decodeAll(sync.get(i).payload())) {
        assertThat(frame.hasFlag(CompatFlags.BACKLOG)).isTrue();
        seqs.add(frame.seq());
      }
    }
    return seqs;
  }
}
