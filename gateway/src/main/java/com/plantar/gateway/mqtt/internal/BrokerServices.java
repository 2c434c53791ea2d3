package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.config.MqttConfig;
import com.plantar.gateway.metrics.GatewayMetrics;
import com.plantar.gateway.mqtt.MqttSecurity;
import com.plantar.gateway.mqtt.PublishInterceptor;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the shared handlers need, wired once by the server.
 *
 * @param securityExecutor runs {@link MqttSecurity#connect}, which may block briefly
 * @param outstandingCompletions inbound publishes awaiting a verdict across all connections (read
 *     by graceful shutdown)
 * @param draining set when shutdown begins: publishes read after it are not taken (nor acknowledged:
 *     their clients send them again after reconnecting, here or elsewhere), so that under steady
 *     traffic the outstanding ones can drain instead of being replaced by new ones
 */
public record BrokerServices(
    MqttConfig config,
    Broker broker,
    MqttSecurity security,
    Executor securityExecutor,
    InterceptorBindings interceptors,
    GatewayMetrics metrics,
    AtomicInteger outstandingCompletions,
    AtomicBoolean draining) {

  /** Wires the services of {@code broker}, sharing its interceptor bindings. */
  public static BrokerServices of(
      MqttConfig config, Broker broker, MqttSecurity security, Executor securityExecutor, GatewayMetrics metrics) {
    return new BrokerServices(
        config, broker, security, securityExecutor, broker.interceptors(), metrics, new AtomicInteger(),
        new AtomicBoolean());
  }

  /** The interceptor bound to the first filter matching {@code topic}, or {@code null}. */
  PublishInterceptor interceptorFor(String topic) {
    return interceptors.interceptorFor(topic);
  }
}
