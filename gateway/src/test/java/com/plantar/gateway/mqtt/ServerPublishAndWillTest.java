package com.plantar.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gateway.testing.NoLeaks;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the ingest path uses besides inbound publishes: its own publishes, and clients' wills. */
@ExtendWith(NoLeaks.class)
class ServerPublishAndWillTest {

  private final ControlledInterceptor stateInterceptor = new ControlledInterceptor();
  private TestBroker broker;

  @BeforeEach
  void startBroker() {
    broker =
        TestBroker.start(TestBroker.config(), List.of(new InterceptorBinding("insole/v1/+/+/state", stateInterceptor)));
  }

  @AfterEach
  void stopBroker() {
    stateInterceptor.acceptAll();
    broker.close();
  }

  @Test
  void gatewayPublishesReachSubscribersWithCorrelationDataAndRetainedOnesStay() throws Exception {
    try (V5Client device = V5Client.connect(broker.tcpUri(), "device")) {
      device.subscribe("insole/v1/t/d/time/res", 0);
      broker.server.publish(
          new ServerPublish("insole/v1/t/d/time/res", "res".getBytes(StandardCharsets.UTF_8), 0, false, new byte[] {9, 8}));
      V5Client.Received response = device.next();
      assertThat(response.payload()).isEqualTo("res");
      assertThat(response.message().getProperties().getCorrelationData()).containsExactly(9, 8);
    }
    broker.server.publish(new ServerPublish("insole/v1/t/d/cmd", "{\"cmd\":\"rebirth\"}".getBytes(StandardCharsets.UTF_8), 1, true, null));
    try (V3Client late = V3Client.connect(broker.tcpUri(), "late")) {
      late.paho.subscribe("insole/v1/t/d/cmd", 1);
      V3Client.Received command = late.next();
      assertThat(command.payload()).isEqualTo("{\"cmd\":\"rebirth\"}");
      assertThat(command.retained()).isTrue();
    }
  }

  @Test
  void willGoesThroughTheInterceptorOfItsTopicAndIsRoutedOnlyIfAccepted() throws Exception {
    try (V3Client watcher = V3Client.connect(broker.tcpUri(), "watcher")) {
      watcher.paho.subscribe("insole/v1/t/+/state", 1);
      dropWithWill("0000000000000001");
      ControlledInterceptor.Call accepted = stateInterceptor.next();
      assertThat(accepted.publish().client().clientId()).isEqualTo("0000000000000001");
      assertThat(StandardCharsets.UTF_8.decode(accepted.publish().payload()).toString()).isEqualTo("offline");
      accepted.completion().complete(PublishVerdict.ACCEPT);
      assertThat(watcher.next().topic()).isEqualTo("insole/v1/t/0000000000000001/state");

      dropWithWill("0000000000000002");
      stateInterceptor.next().completion().complete(PublishVerdict.reject(0x87, "not yours"));
      broker.server.publish(ServerPublish.of("insole/v1/t/marker/state", "marker".getBytes(StandardCharsets.UTF_8), 1));
      assertThat(watcher.next().payload()).as("the rejected will was not routed").isEqualTo("marker");
    }
  }

  private void dropWithWill(String deviceId) throws Exception {
    MqttConnectOptions options = V3Client.options(true);
    options.setWill("insole/v1/t/" + deviceId + "/state", "offline".getBytes(StandardCharsets.UTF_8), 1, true);
    V3Client device = V3Client.connect(broker.tcpUri(), deviceId, options);
    device.paho.disconnectForcibly(0, 100, false);
    device.paho.close(true);
  }
}
