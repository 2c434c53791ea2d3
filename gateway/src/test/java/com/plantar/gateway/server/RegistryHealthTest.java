package com.plantar.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gateway.api.HealthCheck;
import com.plantar.gateway.api.HealthCheck.Status;
import com.plantar.gateway.registry.Registry;
import com.plantar.gateway.registry.TestRegistries;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's reachability, as the pairing refresh finds it, is what /health says about it. */
class RegistryHealthTest {
  @TempDir Path dir;

  @Test
  void anUnreadableRegistryDegradesHealthWithTheReason() {
    Registry registry = TestRegistries.open(dir.resolve("registry.db"));
    HubWearers wearers = new HubWearers(registry);
    HealthCheck check = registryCheck(wearers);
    wearers.refresh();
    assertThat(check.check().status()).isEqualTo(Status.UP);

    registry.close(); // reads now fail, as when PostgreSQL is down
    wearers.refresh();
    HealthCheck.Result down = check.check();
    assertThat(down.status()).isEqualTo(Status.DEGRADED);
    assertThat(down.reasons()).singleElement().asString().contains("registry unreachable");
  }

  private static HealthCheck registryCheck(HubWearers wearers) {
    return GatewayHealth.registry(wearers);
  }
}
