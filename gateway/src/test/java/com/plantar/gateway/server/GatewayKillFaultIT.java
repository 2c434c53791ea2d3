package com.plantar.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.processing.WalkFrames;
import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TimeSeriesStores;
import com.plantar.protocol.DeviceIds;
import com.plantar.protocol.MessageType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise "nothing acknowledged is lost", with real processes: the gateway (the shaded jar, in
 * a child JVM) is killed with SIGKILL while an insole pair syncs; after a restart the pair sends
 * again what was not acknowledged, and every frame ends up in the store exactly once.
 */
class GatewayKillFaultIT {
  private static final Path JAR = Path.of("target/plantar.jar");

  @TempDir Path dir;
  private int port;

  private Process startGateway() throws IOException {
    Process process = new ProcessBuilder("java", "-jar", JAR.toString(), "serve", "--open", "--data-dir",
        dir.resolve("data").toString(), "--mqtt-port", Integer.toString(port), "--mqtts-port", "-1",
        "--http-port", "-1")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("gateway.log").toFile()))
        .start();
    await("gateway listening").atMost(Duration.ofSeconds(60)).until(() -> accepts(process));
    return process;
  }

  private boolean accepts(Process process) {
    if (!process.isAlive()) {
      throw new IllegalStateException("gateway exited with " + process.exitValue() + "; see " + dir.resolve("gateway.log"));
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private MqttAsyncClient connect() throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + port, "phone-" + System.nanoTime(),
        new MemoryPersistence());
    client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
    return client;
  }

  /** Publishes frames (up to 16 in flight) until {@code stopAfter} are acknowledged or the link dies. */
  private static int publish(MqttAsyncClient client, List<AcceptedFrame> frames, Set<Integer> acked, int stopAfter) {
    List<IMqttToken> window = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    try {
      for (int i = 0; i < frames.size() && acked.size() < stopAfter; i++) {
        if (acked.contains(i)) {
          continue;
        }
        window.add(client.publish(WalkFrames.topic(frames.get(i)), frames.get(i).bytes(), 1, false));
        indexes.add(i);
        if (window.size() == 16) {
          settle(window, indexes, acked);
        }
      }
      settle(window, indexes, acked);
    } catch (MqttException e) {
      // The gateway died under us: what was not acknowledged is sent again after the restart.
    }
    return acked.size();
  }

  private static void settle(List<IMqttToken> window, List<Integer> indexes, Set<Integer> acked) throws MqttException {
    for (int k = 0; k < window.size(); k++) {
      window.get(k).waitForCompletion(10_000);
      int[] codes = window.get(k).getReasonCodes();
      if (codes == null || codes.length == 0 || codes[0] < 0x80) {
        acked.add(indexes.get(k));
      }
    }
    window.clear();
    indexes.clear();
  }

  @Test
  void everyAcknowledgedFrameSurvivesSigkillAndEndsUpStoredOnce() throws Exception {
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    List<AcceptedFrame> frames = WalkFrames.of(WalkFrames.walk());
    long dataFrames = frames.stream().filter(f -> f.type() == MessageType.DATA).count();
    Set<Integer> acked = new HashSet<>();

    Process first = startGateway();
    MqttAsyncClient phone = connect();
    publish(phone, frames, acked, frames.size() / 2);
    first.toHandle().destroyForcibly();
    assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(acked).hasSizeGreaterThan(100);
    phone.close(true);

    Process second = startGateway();
    MqttAsyncClient again = connect();
    publish(again, frames, acked, frames.size());
    assertThat(acked).hasSize(frames.size());
    again.disconnect().waitForCompletion(5_000);
    again.close();
    // A graceful stop (SIGTERM) lets processing finish and commit before the store is read.
    second.toHandle().destroy();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

    try (TimeSeriesStore store = TimeSeriesStores.open(StoreConfig.questDb(dir.resolve("data").resolve("store")))) {
      TimeRange all = new TimeRange(WalkFrames.BOOT_UTC_US, WalkFrames.BOOT_UTC_US + 3_600_000_000L);
      long samples = store.readRawSamples("clinic", DeviceIds.toHex(WalkFrames.LEFT), all).size()
          + store.readRawSamples("clinic", DeviceIds.toHex(WalkFrames.RIGHT), all).size();
      assertThat(samples).isEqualTo(dataFrames * 25);
    }
  }
}
