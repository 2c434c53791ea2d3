package com.plantar.gateway.auth.internal;

import com.plantar.gateway.auth.AuthResult;
import com.plantar.gateway.auth.Principal;
import com.plantar.gateway.registry.Registry;
import com.plantar.gateway.registry.SecretHasher;
import com.plantar.gateway.registry.Side;
import com.plantar.gateway.registry.TokenGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one CONNECT costs the authenticator, and one PUBLISH the ACL:
 *
 * <ul>
 *   <li>{@code slowHashCheck}: one PBKDF2-HMAC-SHA256 verification at the production count, what a
 *       cache miss costs;
 *   <li>{@code cachedLogin}: a repeated login answered from the cache (registry row read + SHA-256);
 *   <li>{@code aclMayPublish}: one ACL decision for an allowed {@code live} publish.
 * </ul>
 *
 * Run: {@code scripts/bench gateway AuthBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AuthBenchmark {

  private static final String DEVICE = "00000000000000a1";
  private static final String LIVE_TOPIC = "insole/v1/acme/" + DEVICE + "/live";

  private final SecretHasher hasher = SecretHasher.withDefaultIterations();
  private final InsoleTopicAcl acl = new InsoleTopicAcl();
  private final Principal principal = new Principal("acme", DEVICE, Principal.Kind.DEVICE, Set.of(DEVICE));
  private Path dir;
  private Registry registry;
  private RegistryAuthenticator authenticator;
  private String token;
  private byte[] password;
  private String storedHash;

  @Setup(Level.Trial)
  public void registerOneDevice() throws IOException {
    dir = Files.createTempDirectory("plantar-auth-bench");
    registry = Registry.open(dir.resolve("registry.db"), hasher, new TokenGenerator(new SecureRandom()), Clock.systemUTC());
    token = registry.addDevice("acme", DEVICE, Side.L, "PL-16").token();
    password = token.getBytes(StandardCharsets.US_ASCII);
    storedHash = registry.findCredential(DEVICE).orElseThrow().secretHash();
    authenticator = new RegistryAuthenticator(registry, hasher,
        new VerifiedSecretCache(10_000, Duration.ofMinutes(10), System::nanoTime), new AuthCounters());
    if (!(authenticator.authenticate(DEVICE, DEVICE, password) instanceof AuthResult.Allowed)) {
      throw new IllegalStateException("benchmark device does not authenticate");
    }
  }

  @TearDown(Level.Trial)
  public void deleteRegistry() throws IOException {
    registry.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public boolean slowHashCheck() {
    return hasher.matches(token, storedHash);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public AuthResult cachedLogin() {
    return authenticator.authenticate(DEVICE, DEVICE, password);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Object aclMayPublish() {
    return acl.mayPublish(principal, LIVE_TOPIC);
  }
}
