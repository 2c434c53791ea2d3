package com.plantar.gateway.cluster;

import com.plantar.gateway.config.KafkaConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether the cluster answers, probed on a timer (the housekeeping thread), so that {@code /health}
 * says degraded even when no device is sending. One describeCluster per probe; never on a hot path.
 */
public final class KafkaReachability implements AutoCloseable {
  private final Admin admin;
  private volatile String unreachable = "";

  public KafkaReachability(KafkaConfig config) {
    Map<String, Object> props = KafkaClients.connection(config);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "plantar-health");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
    this.admin = Admin.create(props);
  }

  /** Asks the cluster for its nodes, waiting at most 3 s. */
  public void probe() {
    try {
      int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000)).nodes()
          .get(4, TimeUnit.SECONDS).size();
      unreachable = nodes == 0 ? "kafka unreachable: no broker in the cluster" : "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      unreachable = "kafka unreachable: " + cause.getClass().getSimpleName();
    }
  }

  public Optional<String> degradedReason() {
    String reason = unreachable;
    return reason.isEmpty() ? Optional.empty() : Optional.of(reason);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
