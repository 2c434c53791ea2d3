package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.config.MqttConfig;
import com.plantar.gateway.metrics.GatewayMetrics;
import com.plantar.gateway.mqtt.MqttSecurity;
import com.plantar.gateway.mqtt.PublishInterceptor;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the shared handlers need, wired once by the server.
 *
 * @param securityExecutor runs {@link MqttSecurity#connect}, which may block briefly
 * @param outstandingCompletions inbound publishes awaiting a verdict across all connections (read
 *     by graceful shutdown)
 */
public record BrokerServices(
    MqttConfig config,
    Broker broker,
    MqttSecurity security,
    Executor securityExecutor,
    InterceptorBindings interceptors,
    GatewayMetrics metrics,
    AtomicInteger outstandingCompletions) {

  /** Wires the services of {@code broker}, sharing its interceptor bindings. */
  public static BrokerServices of(
      MqttConfig config, Broker broker, MqttSecurity security, Executor securityExecutor, GatewayMetrics metrics) {
    return new BrokerServices(
        config, broker, security, securityExecutor, broker.interceptors(), metrics, new AtomicInteger());
  }

  /** The interceptor bound to the first filter matching {@code topic}, or {@code null}. */
  PublishInterceptor interceptorFor(String topic) {
    return interceptors.interceptorFor(topic);
  }
}
