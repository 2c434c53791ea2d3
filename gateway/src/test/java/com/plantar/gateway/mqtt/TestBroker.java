package com.plantar.gateway.mqtt;

import com.plantar.gateway.config.MqttConfig;
import com.plantar.gateway.config.TlsConfig;
import com.plantar.gateway.metrics.MicrometerGatewayMetrics;
import com.plantar.gateway.metrics.Rejection;
import java.util.List;

/** A real broker on 127.0.0.1, ephemeral ports, open mode with a deny list; closed by the test. */
final class TestBroker implements AutoCloseable {

  static final String DENIED = "forbidden/#";

  final MicrometerGatewayMetrics metrics = new MicrometerGatewayMetrics();
  final MqttServer server;

  private TestBroker(MqttConfig config, TlsConfig tls, MqttSecurity security, List<InterceptorBinding> interceptors) {
    try {
      this.server = new MqttServer(config, tls, security, interceptors, metrics).start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Small limits so that tests reach them quickly. */
  static MqttConfig config() {
    return new MqttConfig(
        "127.0.0.1", 0, -1, -1, 16 * 1024, 2, 0, 16, 32, 100, 20, 8, 3600, 32 * 1024, 64 * 1024, 2,
        List.of(DENIED), 2);
  }

  static TestBroker start() {
    return start(config());
  }

  static TestBroker start(MqttConfig config) {
    return new TestBroker(config, TlsConfig.DEFAULTS, new OpenMqttSecurity(config.deniedTopicFilters()), List.of());
  }

  static TestBroker start(MqttConfig config, List<InterceptorBinding> interceptors) {
    return new TestBroker(config, TlsConfig.DEFAULTS, new OpenMqttSecurity(config.deniedTopicFilters()), interceptors);
  }

  static TestBroker start(MqttConfig config, TlsConfig tls, MqttSecurity security) {
    return new TestBroker(config, tls, security, List.of());
  }

  String tcpUri() {
    return "tcp://127.0.0.1:" + server.port();
  }

  double rejections(Rejection reason) {
    return metrics.rejections(reason);
  }

  @Override
  public void close() {
    server.close();
  }
}
