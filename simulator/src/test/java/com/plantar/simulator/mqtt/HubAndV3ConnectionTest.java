package com.plantar.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.protocol.CompatFlags;
import com.plantar.protocol.DeviceIds;
import com.plantar.protocol.FrameDecoder;
import com.plantar.protocol.FrameView;
import com.plantar.simulator.device.DeviceBehaviour;
import com.plantar.simulator.device.DeviceCounters;
import com.plantar.simulator.device.InsoleConfig;
import com.plantar.simulator.device.InsoleFirmware;
import com.plantar.simulator.device.VirtualInsole;
import com.plantar.simulator.model.GaitParameters;
import com.plantar.simulator.model.Side;
import com.plantar.simulator.model.StanceProfiles;
import com.plantar.simulator.model.WearerGait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubAndV3ConnectionTest {
  private static final String TENANT = "hub";

  @TempDir Path dir;
  private MosquittoBroker broker;
  private GatewayProbe gateway;
  private final DeviceCounters counters = new DeviceCounters();
  private final long startNanos = System.nanoTime();

  @BeforeEach
  void start() throws Exception {
    broker = MosquittoBroker.start(dir);
    gateway = new GatewayProbe(broker.url(), TENANT, "gateway-probe");
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    broker.close();
  }

  private long nowUs() {
    return (System.nanoTime() - startNanos) / 1000;
  }

  private InsoleFirmware firmware(long id, Side side, WearerGait gait) {
    return new InsoleFirmware(new VirtualInsole(InsoleConfig.typical(id, side, id), gait),
        DeviceBehaviour.typical(), 1, nowUs(), counters);
  }

  private void runUntil(DeviceConnection connection, String what, BooleanSupplier condition) {
    await(what).atMost(Duration.ofSeconds(15)).pollInSameThread().pollInterval(Duration.ofMillis(5))
        .until(() -> {
          connection.tick(nowUs());
          return condition.getAsBoolean();
        });
  }

  private Set<Long> liveDevices() {
    Set<Long> ids = new HashSet<>();
    FrameDecoder decoder = new FrameDecoder();
    for (GatewayProbe.Received r : gateway.on("live")) {
      FrameView view = new FrameView();
      if (decoder.decode(r.payload(), 0, r.payload().length, view).isOk()) {
        ids.add(view.deviceId());
      }
    }
    return ids;
  }

  @Test
  void oneHubConnectionCarriesBothInsolesOfAWearerEachUnderItsOwnTopics() {
    WearerGait gait = new WearerGait(GaitParameters.typical(), StanceProfiles.gaitpdb8(), 3);
    InsoleFirmware left = firmware(0x10, Side.LEFT, gait);
    InsoleFirmware right = firmware(0x11, Side.RIGHT, gait);
    ConnectionSettings settings = new ConnectionSettings(broker.url(), TENANT, MqttVersion.V5,
        "hub-0000000000000010", "token", 8);
    DeviceConnection hub = DeviceConnection.hub(settings, "hub-0000000000000010", List.of(left, right), counters);
    try {
      runUntil(hub, "both insoles anchored and streaming", () ->
          gateway.on("anchor").size() >= 2 && liveDevices().size() == 2);
      // The phone answers time probes over BLE: none go over MQTT, and anchors say source 2.
      assertThat(gateway.on("time/req")).isEmpty();
      long now = System.currentTimeMillis() * 1000;
      for (GatewayProbe.Received anchor : gateway.on("anchor")) {
        FrameView view = new FrameView();
        assertThat(new FrameDecoder().decode(anchor.payload(), 0, anchor.payload().length, view).isOk()).isTrue();
        assertThat(view.timeSource()).isEqualTo(2);
        assertThat(view.utcUs()).isBetween(now - 5_000_000, now);
      }
      for (GatewayProbe.Received r : gateway.received) {
        FrameView view = new FrameView();
        if (new FrameDecoder().decode(r.payload(), 0, r.payload().length, view).isOk()) {
          assertThat(r.topic()).as("topic carries the frame's device id")
              .startsWith("insole/v1/hub/" + DeviceIds.toHex(view.deviceId()) + "/");
        }
      }
      assertThat(gateway.on("hello")).hasSize(2);
      assertThat(counters.badControlFrames.sum()).isZero();
    } finally {
      hub.close();
    }
  }

  @Test
  void qos1WindowIsTheReceiveMaximumTheServerAnnouncesInConnack(@TempDir Path other) throws Exception {
    try (MosquittoBroker small = MosquittoBroker.start(other, java.util.Map.of(), "max_inflight_messages 3\n")) {
      WearerGait gait = new WearerGait(GaitParameters.typical(), StanceProfiles.moticon16(), 4);
      InsoleFirmware device = firmware(0x30, Side.LEFT, gait);
      ConnectionSettings settings = new ConnectionSettings(small.url(), TENANT, MqttVersion.V5,
          "0000000000000030", "token", 16);
      DeviceConnection connection = DeviceConnection.direct(settings, device, counters);
      try {
        runUntil(connection, "connected", connection::isConnected);
        assertThat(connection.window()).isEqualTo(3);
      } finally {
        connection.close();
      }
    }
  }

  @Test
  void mqtt3ClientStreamsLiveAndUploadsBacklogAfterAnOutage() {
    WearerGait gait = new WearerGait(GaitParameters.typical(), StanceProfiles.moticon16(), 4);
    InsoleFirmware device = firmware(0x20, Side.LEFT, gait);
    ConnectionSettings settings = new ConnectionSettings(broker.url(), TENANT, MqttVersion.V3,
        "0000000000000020", "token", 4);
    DeviceConnection connection = DeviceConnection.direct(settings, device, counters);
    try {
      runUntil(connection, "live over MQTT 3", () -> gateway.on("live").size() >= 3);
      assertThat(connection.window()).isEqualTo(4);
      connection.goOffline(nowUs() + 1_000_000);
      long firstOffline = device.nextSeq();
      runUntil(connection, "backlog after the outage", () -> {
        for (GatewayProbe.Received r : gateway.on("sync")) {
          FrameDecoder decoder = new FrameDecoder();
          int offset = 0;
          while (offset < r.payload().length) {
            FrameView view = new FrameView();
            if (!decoder.decode(r.payload(), offset, r.payload().length - offset, view).isOk()) {
              return false;
            }
            assertThat(view.hasFlag(CompatFlags.BACKLOG)).isTrue();
            if (view.seq() == firstOffline) {
              return true;
            }
            offset += view.frameLength();
          }
        }
        return false;
      });
    } finally {
      connection.close();
    }
  }
}
