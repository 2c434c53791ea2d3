package com.plantar.gateway.auth.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.plantar.gateway.auth.AuthFailure;
import com.plantar.gateway.auth.AuthResult;
import com.plantar.gateway.auth.Principal;
import com.plantar.gateway.auth.Principal.Kind;
import com.plantar.gateway.registry.Registry;
import com.plantar.gateway.registry.Side;
import com.plantar.gateway.registry.TestRegistries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class RegistryAuthenticatorTest {

  private static final String A = "00000000000000a1";
  private static final String B = "00000000000000b2";
  private static final String UNPAIRED = "00000000000000c3";
  private static final String HUB = "phone-1";

  @TempDir Path dir;
  private Path dbFile;
  private Registry registry;
  private final AuthCounters counters = new AuthCounters();
  private final AtomicLong nanos = new AtomicLong();
  private RegistryAuthenticator authenticator;
  private String tokenA;
  private String hubToken;
  private final ListAppender<ILoggingEvent> logLines = new ListAppender<>();
  private final Logger authLog = (Logger) LoggerFactory.getLogger(RegistryAuthenticator.class);

  @BeforeEach
  void registerTwoPairedDevicesAHubAndAnUnpairedDevice() {
    dbFile = dir.resolve("registry.db");
    registry = TestRegistries.open(dbFile);
    tokenA = registry.addDevice("acme", A, Side.L, "PL-16").token();
    registry.addDevice("acme", B, Side.R, "PL-16");
    registry.addDevice("acme", UNPAIRED, Side.L, "PL-16");
    hubToken = registry.addHub("acme", HUB).token();
    registry.pair(HUB, A);
    registry.pair(HUB, B);
    VerifiedSecretCache cache = new VerifiedSecretCache(100, Duration.ofMinutes(5), nanos::get);
    authenticator = new RegistryAuthenticator(registry, TestRegistries.hasher(), cache, counters);
    logLines.start();
    authLog.addAppender(logLines);
    authLog.setLevel(Level.INFO);
    authLog.setAdditive(false);
  }

  @AfterEach
  void closeRegistry() {
    authLog.detachAppender(logLines);
    authLog.setLevel(null);
    authLog.setAdditive(true);
    registry.close();
  }

  private AuthResult login(String identity, String token) {
    return authenticator.authenticate(identity, identity, token == null ? null : token.getBytes(US_ASCII));
  }

  @Test
  void aDeviceWithItsTokenActsForItselfOnly() {
    assertThat(login(A, tokenA)).isEqualTo(new AuthResult.Allowed(new Principal("acme", A, Kind.DEVICE, Set.of(A))));
    assertThat(counters.allowed()).isEqualTo(1);
  }

  @Test
  void aHubWithItsTokenActsForItsPairedDevices() {
    assertThat(login(HUB, hubToken)).isEqualTo(new AuthResult.Allowed(new Principal("acme", HUB, Kind.HUB, Set.of(A, B))));
  }

  @Test
  void unpairingAppliesFromTheHubsNextConnect() {
    registry.unpair(HUB, B);

    assertThat(login(HUB, hubToken)).isEqualTo(new AuthResult.Allowed(new Principal("acme", HUB, Kind.HUB, Set.of(A))));
  }

  @Test
  void anotherIdentitysTokenIsABadSecret() {
    assertThat(login(A, hubToken)).isEqualTo(new AuthResult.Refused(AuthFailure.BAD_SECRET));
    assertThat(login(HUB, tokenA)).isEqualTo(new AuthResult.Refused(AuthFailure.BAD_SECRET));
    assertThat(counters.refused(AuthFailure.BAD_SECRET)).isEqualTo(2);
    assertThat(counters.allowed()).isZero();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"short", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+"})
  void aPasswordThatCannotBeATokenIsRefusedWithoutHashing(String password) {
    assertThat(login(A, password)).isEqualTo(new AuthResult.Refused(AuthFailure.BAD_SECRET));
    assertThat(counters.slowHashChecks()).isZero();
  }

  @Test
  void aHugePasswordIsRefusedWithoutHashing() {
    byte[] huge = new byte[1 << 20];
    Arrays.fill(huge, (byte) 'A');

    assertThat(authenticator.authenticate(A, A, huge)).isEqualTo(new AuthResult.Refused(AuthFailure.BAD_SECRET));
    assertThat(counters.slowHashChecks()).isZero();
  }

  @Test
  void anUnregisteredIdentityIsUnknown() {
    assertThat(login("00000000000000ff", tokenA)).isEqualTo(new AuthResult.Refused(AuthFailure.UNKNOWN_IDENTITY));
    assertThat(login("phone-9", tokenA)).isEqualTo(new AuthResult.Refused(AuthFailure.UNKNOWN_IDENTITY));
    assertThat(counters.refused(AuthFailure.UNKNOWN_IDENTITY)).isEqualTo(2);
    assertThat(counters.slowHashChecks()).isZero();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"00000000000000A1", "-00000000000000a", "x", "phone/1", "phone+1", "#", "$SYS", "a b",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void aMalformedUsernameIsRefusedBeforeTheRegistryIsAsked(String username) {
    assertThat(authenticator.authenticate(username, username, tokenA.getBytes(US_ASCII)))
        .isEqualTo(new AuthResult.Refused(AuthFailure.MALFORMED_IDENTITY));
    assertThat(counters.refused(AuthFailure.MALFORMED_IDENTITY)).isEqualTo(1);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {B, "00000000000000a1-x", "phone-1", " 00000000000000a1"})
  void aClientIdOtherThanTheIdentityIsMalformed(String clientId) {
    assertThat(authenticator.authenticate(clientId, A, tokenA.getBytes(US_ASCII)))
        .isEqualTo(new AuthResult.Refused(AuthFailure.MALFORMED_IDENTITY));
    assertThat(authenticator.authenticateCertificate(clientId, A))
        .isEqualTo(new AuthResult.Refused(AuthFailure.MALFORMED_IDENTITY));
  }

  @Test
  void aRevokedIdentityIsRefusedEvenWithItsRightToken() {
    registry.revokeDevice(A);
    registry.revokeHub(HUB);

    assertThat(login(A, tokenA)).isEqualTo(new AuthResult.Refused(AuthFailure.REVOKED));
    assertThat(login(HUB, hubToken)).isEqualTo(new AuthResult.Refused(AuthFailure.REVOKED));
    assertThat(counters.refused(AuthFailure.REVOKED)).isEqualTo(2);
  }

  @Test
  void aRepeatedLoginIsAnsweredFromTheCacheWithoutHashingAgain() {
    login(A, tokenA);
    login(A, tokenA);
    login(A, tokenA);

    assertThat(counters.slowHashChecks()).isEqualTo(1);
    assertThat(counters.cacheHits()).isEqualTo(2);
    assertThat(counters.allowed()).isEqualTo(3);
  }

  @Test
  void aRepeatedWrongTokenIsHashedOnce() {
    String wrong = hubToken;
    login(A, wrong);
    login(A, wrong);

    assertThat(counters.slowHashChecks()).isEqualTo(1);
    assertThat(counters.refused(AuthFailure.BAD_SECRET)).isEqualTo(2);
  }

  @Test
  void theCacheForgetsAfterItsTimeToLive() {
    login(A, tokenA);
    nanos.addAndGet(Duration.ofMinutes(5).toNanos());
    login(A, tokenA);

    assertThat(counters.slowHashChecks()).isEqualTo(2);
  }

  @Test
  void revocationByAnotherProcessWinsOverACachedLogin() {
    assertThat(login(A, tokenA)).isInstanceOf(AuthResult.Allowed.class);

    try (Registry cli = TestRegistries.open(dbFile)) {
      cli.revokeDevice(A);
    }

    assertThat(login(A, tokenA)).isEqualTo(new AuthResult.Refused(AuthFailure.REVOKED));
  }

  @Test
  void rotationByAnotherProcessRetiresTheCachedOldToken() {
    assertThat(login(A, tokenA)).isInstanceOf(AuthResult.Allowed.class);

    String newToken;
    try (Registry cli = TestRegistries.open(dbFile)) {
      newToken = cli.rotateDevice(A).token();
    }

    assertThat(login(A, tokenA)).isEqualTo(new AuthResult.Refused(AuthFailure.BAD_SECRET));
    assertThat(login(A, newToken)).isInstanceOf(AuthResult.Allowed.class);
  }

  @Test
  void manyThreadsMayAuthenticateAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<AuthResult>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        boolean hub = i % 2 == 0;
        results.add(pool.submit(() -> hub ? login(HUB, hubToken) : login(A, tokenA)));
      }
      for (Future<AuthResult> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isInstanceOf(AuthResult.Allowed.class);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(counters.allowed()).isEqualTo(200);
    // At most one slow check per identity and thread racing on the first miss.
    assertThat(counters.slowHashChecks()).isBetween(2L, 8L);
  }

  @Test
  void aVerifiedCertificateCnIsTheIdentity() {
    assertThat(authenticator.authenticateCertificate(A, A))
        .isEqualTo(new AuthResult.Allowed(new Principal("acme", A, Kind.DEVICE, Set.of(A))));
    assertThat(authenticator.authenticateCertificate(HUB, HUB))
        .isEqualTo(new AuthResult.Allowed(new Principal("acme", HUB, Kind.HUB, Set.of(A, B))));
    assertThat(counters.slowHashChecks()).isZero();
  }

  @Test
  void aCertificateForAnUnknownRevokedOrMalformedIdentityIsRefused() {
    registry.revokeDevice(B);

    assertThat(authenticator.authenticateCertificate("00000000000000ff", "00000000000000ff"))
        .isEqualTo(new AuthResult.Refused(AuthFailure.UNKNOWN_IDENTITY));
    assertThat(authenticator.authenticateCertificate(B, B)).isEqualTo(new AuthResult.Refused(AuthFailure.REVOKED));
    assertThat(authenticator.authenticateCertificate("CN=x", "CN=x"))
        .isEqualTo(new AuthResult.Refused(AuthFailure.MALFORMED_IDENTITY));
  }

  @Test
  void aRefusalIsLoggedWithReasonAndIdentityButNeverThePassword() {
    login(A, hubToken);
    authenticator.authenticate("evil\n" + A, "evil\n" + A, tokenA.getBytes(US_ASCII));

    assertThat(logLines.list).hasSize(2);
    assertThat(logLines.list.get(0).getFormattedMessage()).contains("BAD_SECRET").contains(A).doesNotContain(hubToken);
    assertThat(logLines.list.get(1).getFormattedMessage())
        .contains("MALFORMED_IDENTITY").contains("evil?" + A).doesNotContain("\n").doesNotContain(tokenA);
  }
}
