package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.config.MqttConfig;
import com.plantar.gateway.metrics.GatewayMetrics;
import com.plantar.gateway.mqtt.InterceptorBinding;
import com.plantar.gateway.mqtt.MqttSecurity;
import com.plantar.gateway.mqtt.PublishInterceptor;
import java.util.List;
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

  public BrokerServices(
      MqttConfig config,
      Broker broker,
      MqttSecurity security,
      Executor securityExecutor,
      List<InterceptorBinding> interceptors,
      GatewayMetrics metrics,
      AtomicInteger outstandingCompletions) {
    this(config, broker, security, securityExecutor, new InterceptorBindings(interceptors), metrics, outstandingCompletions);
  }

  /** The interceptor bound to the first filter matching {@code topic}, or {@code null}. */
  PublishInterceptor interceptorFor(String topic) {
    return interceptors.interceptorFor(topic);
  }
}
