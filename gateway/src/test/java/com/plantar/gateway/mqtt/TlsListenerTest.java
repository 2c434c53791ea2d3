package com.plantar.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.config.MqttConfig;
import com.plantar.gateway.config.TlsConfig;
import com.plantar.gateway.metrics.Rejection;
import com.plantar.gateway.testing.NoLeaks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** MQTT over TLS 1.2/1.3 with PEM files, and client certificates whose CN names the device. */
@ExtendWith(NoLeaks.class)
class TlsListenerTest {

  private static final String DEVICE_ID = "00a1b2c3d4e5f607";

  @TempDir static Path dir;
  private static TestPki pki;
  private static TestPki.Issued device;

  /** The open-mode security port, recording the certificate CN each CONNECT carried. */
  static final class RecordingSecurity implements MqttSecurity {
    final List<String> certCns = new CopyOnWriteArrayList<>();
    final OpenMqttSecurity open = new OpenMqttSecurity(List.of());

    @Override
    public ConnectVerdict connect(String clientId, String username, byte[] password, String verifiedCertCn) {
      certCns.add(String.valueOf(verifiedCertCn));
      return open.connect(clientId, username, password, verifiedCertCn);
    }

    @Override
    public boolean mayPublish(ClientIdentity client, String topic) {
      return open.mayPublish(client, topic);
    }

    @Override
    public boolean maySubscribe(ClientIdentity client, String topicFilter) {
      return open.maySubscribe(client, topicFilter);
    }
  }

  @BeforeAll
  static void issueCertificates() throws Exception {
    pki = new TestPki();
    TestPki.Issued server = pki.issue("localhost", true);
    device = pki.issue(DEVICE_ID, false);
    TestPki.writeCertificate(dir.resolve("server.pem"), server.certificate());
    TestPki.writePrivateKey(dir.resolve("server-key.pem"), server.keys());
    TestPki.writeCertificate(dir.resolve("ca.pem"), pki.ca().certificate());
  }

  private static TlsConfig tls(String clientAuth) {
    return new TlsConfig(
        dir.resolve("server.pem").toString(), dir.resolve("server-key.pem").toString(),
        clientAuth.equals("none") ? "" : dir.resolve("ca.pem").toString(), clientAuth);
  }

  private static MqttConfig tlsOnly() {
    return TestBroker.config().withPorts(-1, 0, -1);
  }

  @Test
  void pahoV3AndV5ExchangeMessagesOverTls() throws Exception {
    RecordingSecurity security = new RecordingSecurity();
    try (TestBroker broker = TestBroker.start(tlsOnly(), tls("none"), security)) {
      String uri = "ssl://127.0.0.1:" + broker.server.tlsPort();
      SSLContext context = pki.clientContext(null);
      MqttConnectOptions v3Options = V3Client.options(true);
      v3Options.setSocketFactory(context.getSocketFactory());
      MqttConnectionOptions v5Options = V5Client.options(true, 0);
      v5Options.setSocketFactory(context.getSocketFactory());
      try (V3Client sub = V3Client.connect(uri, "tls-sub", v3Options);
          V5Client pub = V5Client.connect(uri, "tls-pub", v5Options)) {
        sub.paho.subscribe("secure/#", 2);
        pub.publish("secure/x", "encrypted", 2, false);
        assertThat(sub.next().payload()).isEqualTo("encrypted");
      }
      assertThat(security.certCns).containsExactly("null", "null");
    }
  }

  @Test
  void bothTls12AndTls13AreNegotiated() throws Exception {
    try (TestBroker broker = TestBroker.start(tlsOnly(), tls("none"), new RecordingSecurity())) {
      SSLContext context = pki.clientContext(null);
      for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
        try (javax.net.ssl.SSLSocket socket =
            (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", broker.server.tlsPort())) {
          socket.setEnabledProtocols(new String[] {protocol});
          socket.startHandshake();
          assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
        }
      }
    }
  }

  @Test
  void verifiedClientCertificateCnReachesTheSecurityPort() throws Exception {
    RecordingSecurity security = new RecordingSecurity();
    try (TestBroker broker = TestBroker.start(tlsOnly(), tls("require"), security)) {
      MqttConnectOptions options = V3Client.options(true);
      options.setSocketFactory(pki.clientContext(device).getSocketFactory());
      try (V3Client client = V3Client.connect("ssl://127.0.0.1:" + broker.server.tlsPort(), "any-client-id", options)) {
        assertThat(client.paho.isConnected()).isTrue();
      }
      assertThat(security.certCns).containsExactly(DEVICE_ID);
    }
  }

  @Test
  void clientWithoutCertificateIsRefusedWhenCertificatesAreRequired() throws Exception {
    RecordingSecurity security = new RecordingSecurity();
    try (TestBroker broker = TestBroker.start(tlsOnly(), tls("require"), security)) {
      MqttConnectOptions options = V3Client.options(true);
      options.setSocketFactory(pki.clientContext(null).getSocketFactory());
      assertThatThrownBy(() -> V3Client.connect("ssl://127.0.0.1:" + broker.server.tlsPort(), "anonymous", options))
          .isInstanceOf(MqttException.class);
      await().atMost(Duration.ofSeconds(5)).until(() -> broker.rejections(Rejection.TLS_HANDSHAKE_FAILED) >= 1);
      assertThat(security.certCns).isEmpty();
    }
  }
}
