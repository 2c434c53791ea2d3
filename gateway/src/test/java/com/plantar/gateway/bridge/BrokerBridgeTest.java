package com.plantar.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.registry.Side;
import com.plantar.gateway.server.Gateway;
import com.plantar.protocol.Ack;
import com.plantar.protocol.BlockType;
import com.plantar.protocol.CompatFlags;
import com.plantar.protocol.DataFrame;
import com.plantar.protocol.Encoding;
import com.plantar.protocol.FrameDecoder;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.FrameView;
import com.plantar.protocol.SampleBlock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bridge mode against a real Mosquitto: devices on the external broker, the gateway behind it. */
class BrokerBridgeTest {
  private static final String DEVICE = "00000000000000b1";
  private static final String PREFIX = "insole/v1/clinic/" + DEVICE + "/";

  @TempDir Path dir;
  private Mosquitto mosquitto;
  private Gateway gateway;
  private final FrameEncoder encoder = new FrameEncoder();
  private final BlockingQueue<byte[]> acks = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    Path brokerDir = Files.createDirectories(dir.resolve("mosquitto"));
    mosquitto = Mosquitto.start(brokerDir);
    GatewayConfig config = new ConfigLoader().load(Optional.empty(), Map.of(),
        Map.of("mqtt.host", "127.0.0.1", "mqtt.port", "0", "mqtt.tlsPort", "-1", "mqtt.webSocketPort", "-1",
            "http.port", "-1", "mqtt.sessionLoops", "2", "dataDir", dir.resolve("gateway").toString()));
    gateway = Gateway.start(config, false, Optional.of(BridgeConfig.of(mosquitto.url()).withClientId("gw-1")),
        Gateway.embeddedStore(config));
    gateway.registry().addDevice("clinic", DEVICE, Side.L, "PL-16");
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    mosquitto.close();
  }

  private MqttAsyncClient device() throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(mosquitto.url(), "insole-" + System.nanoTime(), new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void disconnected(MqttDisconnectResponse response) {}

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        acks.add(message.getPayload());
      }

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
    client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
    client.subscribe(PREFIX + "ack", 1).waitForCompletion(10_000);
    return client;
  }

  private byte[] data(long device, long seq) {
    int[] values = new int[16 * 25];
    for (int i = 0; i < values.length; i++) {
      values[i] = (int) ((seq * 7 + i) % 4096);
    }
    return encoder.encode(new DataFrame(new FrameHeader(CompatFlags.BACKLOG, device, 3), seq, seq * 250_000L, 240_000,
        25, 1, List.of(new SampleBlock(BlockType.PRESSURE, Encoding.DELTA, 16, values))));
  }

  private void sync(MqttAsyncClient client, String prefix, long device, long from, long to) throws MqttException {
    for (long seq = from; seq < to; seq++) {
      client.publish(prefix + "sync", data(device, seq), 1, false).waitForCompletion(10_000);
    }
  }

  private Set<Long> journaledSeqs() throws Exception {
    Set<Long> seqs = new TreeSet<>();
    gateway.journal().read(0, record -> seqs.add(record.frame().seq()));
    return seqs;
  }

  @Test
  void framesPublishedToTheExternalBrokerAreJournaledAndAcknowledgedBackThroughIt() throws Exception {
    MqttAsyncClient insole = device();
    sync(insole, PREFIX, 0xb1, 0, 10);

    await().atMost(Duration.ofSeconds(15)).until(() -> journaledSeqs().size() == 10);
    byte[] ack = acks.poll(15, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(ack).isNotNull();
    FrameView view = new FrameView();
    new FrameDecoder().decode(ack, 0, ack.length, view);
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      byte[] last = ack;
      byte[] next;
      while ((next = acks.poll()) != null) {
        last = next;
      }
      new FrameDecoder().decode(last, 0, last.length, view);
      return ((Ack) view.toMessage()).nextSeq() == 10;
    });
    insole.disconnect().waitForCompletion(5_000);
    insole.close();
  }

  @Test
  void framesOfUnregisteredDevicesAreCountedAndNotStored() throws Exception {
    MqttAsyncClient stranger = device();
    sync(stranger, "insole/v1/clinic/00000000000000ee/", 0xee, 0, 3);

    await().atMost(Duration.ofSeconds(15)).until(() -> gateway.bridge().orElseThrow().foreignPublishes() == 3);
    assertThat(gateway.journal().durableIndex()).isZero();
    stranger.disconnect().waitForCompletion(5_000);
    stranger.close();
  }

  @Test
  void restartingMosquittoMidRunLosesNothingItAcknowledged() throws Exception {
    MqttAsyncClient insole = device();
    sync(insole, PREFIX, 0xb1, 0, 20);
    await().atMost(Duration.ofSeconds(15)).until(() -> journaledSeqs().size() == 20);

    mosquitto.restart();
    // The insole reconnects and goes on syncing at once, before the gateway's bridge is back: its
    // persistent session at the broker keeps these frames until it is.
    MqttAsyncClient again = device();
    sync(again, PREFIX, 0xb1, 20, 40);

    await().atMost(Duration.ofSeconds(40)).until(() -> journaledSeqs().size() == 40);
    assertThat(journaledSeqs()).containsExactlyElementsOf(java.util.stream.LongStream.range(0, 40).boxed().toList());
    assertThat(gateway.bridge().orElseThrow().connected()).isTrue();
    again.disconnect().waitForCompletion(5_000);
    again.close();
    insole.close();
  }
}
