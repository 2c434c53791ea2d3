package com.plantar.gateway.server;

import com.plantar.gateway.mqtt.MqttServer;
import com.plantar.gateway.registry.Credential;
import com.plantar.gateway.registry.Registry;
import io.micrometer.core.instrument.Counter;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the MQTT connections of identities revoked since they connected. Revocation takes effect at
 * once for new connections (every CONNECT reads the identity's registry row), but a connection
 * already open was authenticated before: this sweep, run every {@link #PERIOD_SECONDS} on the
 * housekeeping thread, bounds how long it stays open. In cluster mode every instance sweeps its own
 * connections against the shared registry, so the bound holds wherever the device is connected.
 */
final class RevocationSweep implements Runnable {
  /** How long a revoked identity's open connection may last at most (plus one registry read each). */
  static final int PERIOD_SECONDS = 30;

  private static final Logger log = LoggerFactory.getLogger(RevocationSweep.class);

  private final MqttServer mqtt;
  private final Registry registry;
  private final Counter closed;

  RevocationSweep(MqttServer mqtt, Registry registry, Counter closed) {
    this.mqtt = mqtt;
    this.registry = registry;
    this.closed = closed;
  }

  @Override
  public void run() {
    try {
      sweep();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The registry is unreachable (PostgreSQL down): connections stay as they are until the next sweep.
      log.warn("revocation sweep skipped: {}", e.toString());
    }
  }

  /** Returns how many connected identities were found revoked (their connections are being closed). */
  int sweep() throws InterruptedException {
    Set<String> revoked = new HashSet<>();
    for (String principal : new HashSet<>(mqtt.connectedPrincipals())) {
      if (registry.findCredential(principal).map(Credential::revoked).orElse(true)) {
        revoked.add(principal);
      }
    }
    if (!revoked.isEmpty()) {
      log.info("closing the connections of {} revoked identities", revoked.size());
      mqtt.disconnect(revoked);
      closed.increment(revoked.size());
    }
    return revoked.size();
  }
}
