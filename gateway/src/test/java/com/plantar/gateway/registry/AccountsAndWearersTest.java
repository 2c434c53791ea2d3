package com.plantar.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsAndWearersTest {
  private static final String HASH = "$argon2id$v=19$m=256,t=1,p=1$c2FsdA$aGFzaA";
  @TempDir Path dir;

  /** A clock the test moves. */
  private final AtomicReference<Instant> now = new AtomicReference<>(TestRegistries.NOW);
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  private Registry open() {
    return Registry.open(dir.resolve("registry.db"), TestRegistries.hasher(), new TokenGenerator(new SecureRandom()),
        clock);
  }

  @Test
  void wearersAreActiveHubsAndInsolesNoActiveHubForwardsFor() {
    try (Registry registry = open()) {
      registry.addDevice("acme", "00000000000000a1", Side.L, "m");
      registry.addDevice("acme", "00000000000000a2", Side.R, "m");
      registry.addDevice("acme", "00000000000000b1", Side.L, "m");
      registry.addHub("acme", "phone-1");
      registry.pair("phone-1", "00000000000000a1");
      registry.pair("phone-1", "00000000000000a2");
      assertThat(registry.wearers().list()).extracting(Wearer::id).containsExactly("00000000000000b1", "phone-1");
      Wearer phone = registry.wearers().find("phone-1").orElseThrow();
      assertThat(phone.devices()).extracting(Wearer.WearerDevice::id)
          .containsExactly("00000000000000a1", "00000000000000a2", "phone-1");
      registry.wearers().updateProfile("phone-1", Optional.of("Ana"), OptionalDouble.of(64.5), Optional.of("EU 39"), "");
      assertThat(registry.wearers().find("phone-1").orElseThrow().bodyWeightKg()).hasValue(64.5);
      registry.revokeHub("phone-1");
      assertThat(registry.wearers().list()).extracting(Wearer::id)
          .containsExactly("00000000000000a1", "00000000000000a2", "00000000000000b1");
      assertThatThrownBy(() -> registry.wearers().addIntervention("nobody", Intervention.Kind.OTHER, LocalDate.now(),
          "", "x")).isInstanceOf(RegistryException.class).hasMessageContaining("not registered");
    }
  }

  @Test
  void credentialsExpireAndAPasswordResetEndsThem() {
    try (Registry registry = open()) {
      Accounts accounts = registry.accounts();
      accounts.add("ana", Role.PHYSIO, HASH, Optional.empty());
      accounts.addCredential("a".repeat(64), ApiCredential.Kind.SESSION, "ana", Optional.of("csrf"),
          now.get().plus(Duration.ofHours(1)));
      accounts.addCredential("b".repeat(64), ApiCredential.Kind.BEARER, "ana", Optional.empty(),
          now.get().plus(Duration.ofDays(1)));
      assertThat(accounts.findCredential("a".repeat(64)).orElseThrow().csrfToken()).contains("csrf");
      now.set(now.get().plus(Duration.ofHours(2)));
      assertThat(accounts.findCredential("a".repeat(64))).isEmpty();
      assertThat(accounts.findCredential("b".repeat(64))).isPresent();
      accounts.resetPassword("ana", HASH);
      assertThat(accounts.findCredential("b".repeat(64))).isEmpty();
      assertThatThrownBy(() -> accounts.add("ana", Role.ADMIN, HASH, Optional.empty()))
          .hasMessageContaining("already exists");
      assertThatThrownBy(() -> accounts.add("wim", Role.WEARER, HASH, Optional.empty()))
          .hasMessageContaining("names its wearer");
      assertThatThrownBy(() -> accounts.add("bob", Role.ADMIN, "plain-text", Optional.empty()))
          .isInstanceOf(RegistryException.class);
    }
  }
}
