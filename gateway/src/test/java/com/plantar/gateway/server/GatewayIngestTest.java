package com.plantar.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.command.CommandResult;
import com.plantar.gateway.command.DeviceCommand;
import com.plantar.gateway.command.LocalCommands;
import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.processing.WalkFrames;
import com.plantar.gateway.store.RawSample;
import com.plantar.gateway.store.StrideMetric;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.TimeRange;
import com.plantar.protocol.MessageType;
import com.plantar.gateway.journal.JournalRecord;
import com.plantar.gateway.registry.IssuedToken;
import com.plantar.gateway.registry.Side;
import com.plantar.protocol.Ack;
import com.plantar.protocol.BlockType;
import com.plantar.protocol.CompatFlags;
import com.plantar.protocol.DataFrame;
import com.plantar.protocol.DecodeStatus;
import com.plantar.protocol.Encoding;
import com.plantar.protocol.FrameDecoder;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.FrameView;
import com.plantar.protocol.SampleBlock;
import com.plantar.protocol.TimeRequest;
import com.plantar.protocol.TimeResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

/**
 * The whole gateway with the registry: a device authenticates with its token, syncs frames, gets its
 * PUBACK only once they are in the journal, and a protocol ACK on its {@code ack} topic.
 */
class GatewayIngestTest {
  private static final String DEVICE = "00000000000000d1";
  private static final String PREFIX = "insole/v1/clinic/" + DEVICE + "/";

  @TempDir Path dir;
  private Gateway gateway;
  private IssuedToken token;
  private final FrameEncoder encoder = new FrameEncoder();
  private final List<MqttAsyncClient> clients = new ArrayList<>();
  private final Map<String, BlockingQueue<byte[]>> inbox = new java.util.concurrent.ConcurrentHashMap<>();
  /** "identity:reason" of every server DISCONNECT or lost connection. */
  private final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    GatewayConfig config = new ConfigLoader().load(Optional.empty(), Map.of(),
        Map.of("mqtt.host", "127.0.0.1", "mqtt.port", "0", "mqtt.tlsPort", "-1", "mqtt.webSocketPort", "-1",
            "http.port", "-1", "mqtt.sessionLoops", "2", "dataDir", dir.toString()));
    gateway = Gateway.start(config, false);
    token = gateway.registry().addDevice("clinic", DEVICE, Side.L, "PL-16");
  }

  @AfterEach
  void stop() throws Exception {
    for (MqttAsyncClient client : clients) {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5000);
      }
      client.close();
    }
    gateway.close();
  }

  private MqttAsyncClient connect(String identity, String secret) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + gateway.mqtt().port(), identity,
        new MemoryPersistence());
    clients.add(client);
    client.setCallback(new MqttCallback() {
      @Override
      public void disconnected(MqttDisconnectResponse response) {
        disconnects.add(identity + ":" + response.getReturnCode());
      }

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        received(topic).add(message.getPayload());
      }

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName(identity);
    options.setPassword(secret.getBytes(StandardCharsets.US_ASCII));
    client.connect(options).waitForCompletion(10_000);
    return client;
  }

  private BlockingQueue<byte[]> received(String topic) {
    return inbox.computeIfAbsent(topic, t -> new LinkedBlockingQueue<>());
  }

  /** Publishes and waits for the PUBACK (or its absence for QoS 0); returns the v5 reason code. */
  private static int publish(MqttAsyncClient client, String topic, byte[] payload, int qos) throws MqttException {
    IMqttToken token = client.publish(topic, payload, qos, false);
    token.waitForCompletion(10_000);
    int[] codes = token.getReasonCodes();
    return codes == null || codes.length == 0 ? 0 : codes[0];
  }

  private byte[] data(long seq) {
    int[] values = new int[16 * 25];
    for (int i = 0; i < values.length; i++) {
      values[i] = (int) ((seq * 13 + i) % 4096);
    }
    return encoder.encode(new DataFrame(new FrameHeader(CompatFlags.BACKLOG, 0xd1, 4), seq, 1_000_000 + seq * 250_000,
        240_000, 25, 0x1234, List.of(new SampleBlock(BlockType.PRESSURE, Encoding.DELTA, 16, values))));
  }

  @Test
  void syncedFramesAreJournaledBeforeThePubackAndAcknowledgedOnTheAckTopic() throws Exception {
    MqttAsyncClient device = connect(DEVICE, token.token());
    BlockingQueue<byte[]> acks = received(PREFIX + "ack");
    device.subscribe(PREFIX + "ack", 1).waitForCompletion(5000);
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    for (int seq = 0; seq < 64; seq++) {
      payload.writeBytes(data(seq));
    }

    // The PUBACK arrives only once the frames are in the journal.
    assertThat(publish(device, PREFIX + "sync", payload.toByteArray(), 1)).isZero();
    assertThat(gateway.journal().durableIndex()).isEqualTo(64);

    byte[] ack = acks.poll(10, TimeUnit.SECONDS);
    assertThat(ack).isNotNull();
    FrameView view = new FrameView();
    assertThat(new FrameDecoder().decode(ack, 0, ack.length, view)).isEqualTo(DecodeStatus.OK);
    Ack decoded = (Ack) view.toMessage();
    assertThat(decoded.nextSeq()).isEqualTo(64);
    assertThat(decoded.header().bootId()).isEqualTo(4);

    List<JournalRecord> records = new ArrayList<>();
    gateway.journal().read(0, records::add);
    assertThat(records).extracting(r -> r.frame().seq()).hasSize(64).startsWith(0L, 1L);
    await().atMost(Duration.ofSeconds(10)).until(() -> gateway.processor().processedIndex() == 64);
  }

  @Test
  void aDeviceRevokedWhileConnectedIsDisconnectedByTheSweepAndCannotComeBack() throws Exception {
    String other = "00000000000000d2";
    IssuedToken otherToken = gateway.registry().addDevice("clinic", other, Side.R, "PL-16");
    MqttAsyncClient revokedClient = connect(DEVICE, token.token());
    MqttAsyncClient keptClient = connect(other, otherToken.token());
    assertThat(gateway.closeRevokedConnections()).isZero();

    assertThat(gateway.registry().revokeDevice(DEVICE)).isTrue();
    assertThat(revokedClient.isConnected()).as("revocation alone does not end an open connection").isTrue();
    assertThat(gateway.closeRevokedConnections()).isEqualTo(1);

    assertThat(disconnects.poll(10, TimeUnit.SECONDS)).isEqualTo(DEVICE + ":" + 0x98);
    await().atMost(Duration.ofSeconds(10)).until(() -> !revokedClient.isConnected());
    assertThat(keptClient.isConnected()).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> connect(DEVICE, token.token()))
        .isInstanceOf(MqttException.class);
  }

  @Test
  void corruptFrameIsRefusedWithAReasonAndNothingAfterItIsStored() throws Exception {
    MqttAsyncClient device = connect(DEVICE, token.token());
    byte[] bad = data(1);
    bad[30] ^= 0x40;
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    payload.writeBytes(data(0));
    payload.writeBytes(bad);
    payload.writeBytes(data(2));

    assertThat(publish(device, PREFIX + "sync", payload.toByteArray(), 1)).isEqualTo(0x99);

    List<JournalRecord> records = new ArrayList<>();
    gateway.journal().read(0, records::add);
    assertThat(records).extracting(r -> r.frame().seq()).containsExactly(0L);
  }

  @Test
  void timeRequestIsAnsweredOnTheDevicesTimeResponseTopic() throws Exception {
    MqttAsyncClient device = connect(DEVICE, token.token());
    BlockingQueue<byte[]> responses = received(PREFIX + "time/res");
    device.subscribe(PREFIX + "time/res", 0).waitForCompletion(5000);
    long before = System.currentTimeMillis() * 1000;

    publish(device, PREFIX + "time/req", encoder.encode(new TimeRequest(new FrameHeader(0, 0xd1, 4), 9, 555)), 0);

    byte[] response = responses.poll(10, TimeUnit.SECONDS);
    assertThat(response).isNotNull();
    FrameView view = new FrameView();
    new FrameDecoder().decode(response, 0, response.length, view);
    TimeResponse decoded = (TimeResponse) view.toMessage();
    assertThat(decoded.requestId()).isEqualTo(9);
    assertThat(decoded.t0MonoUs()).isEqualTo(555);
    assertThat(decoded.t1UtcUs()).isBetween(before, System.currentTimeMillis() * 1000);
    assertThat(decoded.t2UtcUs()).isGreaterThanOrEqualTo(decoded.t1UtcUs());
  }

  @Test
  void aCommandReachesTheConnectedDeviceOnItsCommandTopicAndIsRefusedWhenItIsNotConnected() throws Exception {
    LocalCommands commands = new LocalCommands(gateway.mqtt());
    DeviceCommand tare = new DeviceCommand("c1", "clinic", DEVICE, "tare", 0, System.currentTimeMillis() + 60_000);
    assertThat(commands.send(tare).toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isEqualTo(CommandResult.NOT_CONNECTED);

    MqttAsyncClient device = connect(DEVICE, token.token());
    device.subscribe(PREFIX + "cmd", 1).waitForCompletion(5000);
    DeviceCommand rate = new DeviceCommand("c2", "clinic", DEVICE, "set_rate", 50, System.currentTimeMillis() + 60_000);
    assertThat(commands.send(rate).toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(CommandResult.QUEUED);

    byte[] received = received(PREFIX + "cmd").poll(10, TimeUnit.SECONDS);
    assertThat(received).isNotNull();
    assertThat(new String(received, StandardCharsets.UTF_8)).isEqualTo("{\"cmd\":\"set_rate\",\"id\":\"c2\",\"rate_hz\":50}");
    assertThat(received(PREFIX + "cmd").poll(200, TimeUnit.MILLISECONDS)).as("sent once").isNull();
  }

  @Test
  void wrongTokenIsRefusedAndAnotherDevicesTopicIsNotReachable() throws Exception {
    assertThatThrownBy(() -> connect(DEVICE, "A".repeat(43))).isInstanceOf(MqttException.class);

    IssuedToken other = gateway.registry().addDevice("clinic", "00000000000000d2", Side.R, "PL-16");
    MqttAsyncClient intruder = connect(other.identity(), other.token());
    assertThat(publish(intruder, PREFIX + "sync", data(0), 1)).isEqualTo(0x87);
    assertThat(gateway.journal().durableIndex()).isZero();
  }

  @Test
  void aWalkPublishedOverMqttEndsUpAsRawSamplesAndStrideRowsInTheStore() throws Exception {
    IssuedToken hub = gateway.registry().addHub("clinic", "hub-walk");
    for (long device : new long[] {WalkFrames.LEFT, WalkFrames.RIGHT}) {
      String hex = com.plantar.protocol.DeviceIds.toHex(device);
      gateway.registry().addDevice("clinic", hex, device == WalkFrames.LEFT ? Side.L : Side.R, "gaitpdb-8");
      gateway.registry().pair("hub-walk", hex);
    }
    gateway.refreshWearers();
    MqttAsyncClient phone = connect("hub-walk", hub.token());
    List<AcceptedFrame> frames = WalkFrames.of(WalkFrames.walk());
    Map<Long, ByteArrayOutputStream> batches = new java.util.HashMap<>();
    long dataFrames = 0;
    for (AcceptedFrame frame : frames) {
      String prefix = "insole/v1/clinic/" + com.plantar.protocol.DeviceIds.toHex(frame.deviceId()) + "/";
      if (frame.type() != MessageType.DATA) {
        assertThat(publish(phone, prefix + (frame.type() == MessageType.HELLO ? "hello" : "anchor"), frame.bytes(), 1)).isZero();
        continue;
      }
      dataFrames++;
      ByteArrayOutputStream batch = batches.computeIfAbsent(frame.deviceId(), d -> new ByteArrayOutputStream());
      batch.writeBytes(frame.bytes());
      if (batch.size() > 24_000) {
        assertThat(publish(phone, prefix + "sync", batch.toByteArray(), 1)).isZero();
        batch.reset();
      }
    }
    for (Map.Entry<Long, ByteArrayOutputStream> rest : batches.entrySet()) {
      if (rest.getValue().size() > 0) {
        String prefix = "insole/v1/clinic/" + com.plantar.protocol.DeviceIds.toHex(rest.getKey()) + "/";
        assertThat(publish(phone, prefix + "sync", rest.getValue().toByteArray(), 1)).isZero();
      }
    }

    long total = gateway.journal().durableIndex();
    await().atMost(Duration.ofSeconds(30)).until(() -> gateway.processor().processedIndex() == total);
    await().atMost(Duration.ofSeconds(30)).until(() -> gateway.journal().checkpoint() == total);
    TimeRange all = new TimeRange(WalkFrames.BOOT_UTC_US, WalkFrames.BOOT_UTC_US + 3_600_000_000L);
    List<RawSample> left = gateway.store().readRawSamples("clinic", com.plantar.protocol.DeviceIds.toHex(WalkFrames.LEFT), all);
    assertThat((long) left.size()).isEqualTo(dataFrames / 2 * 25);
    List<StrideRow> strides = gateway.store().readStrides("clinic", "hub-walk", all);
    assertThat(strides).hasSizeGreaterThan(150);
    assertThat(strides).extracting(StrideRow::device).contains("0000000000000001", "0000000000000002");
    assertThat(strides.get(10).metrics().get(StrideMetric.STRIDE_TIME_S)).isBetween(0.8, 1.6);
  }
}
