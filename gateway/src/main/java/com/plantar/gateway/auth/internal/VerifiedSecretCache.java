package com.plantar.gateway.auth.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Remembers the outcome of recent slow-hash checks, so that a reconnect storm (every insole of a site
 * coming back after an outage, or one with a stale token retrying) costs one PBKDF2 run per distinct
 * (identity, presented secret) instead of one per CONNECT.
 *
 * <p>Key: identity plus the SHA-256 of the presented secret (never the secret). Value: whether it
 * matched, and <em>which stored hash</em> it was checked against. An entry answers only while the
 * registry still holds that same stored hash, so a rotation invalidates it by itself, also when made
 * by another process (the CLI); revocation is checked in the registry before the cache is consulted.
 * Entries expire after {@code ttl} and the least recently used go beyond {@code maxEntries}.
 *
 * <p>Thread-safe: the map is guarded by this object's monitor; time comes from the injected {@code
 * nanoTime} (monotonic nanoseconds).
 */
public final class VerifiedSecretCache {

  private record Entry(String storedHash, boolean matched, long createdNanos) {}

  private final int maxEntries;
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private final LinkedHashMap<String, Entry> entries;

  public VerifiedSecretCache(int maxEntries, Duration ttl, LongSupplier nanoTime) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
    this.maxEntries = maxEntries;
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > VerifiedSecretCache.this.maxEntries;
      }
    };
  }

  /**
   * The remembered outcome of checking {@code secretDigest} for {@code identity} against {@code
   * storedHash}, if there is a fresh one.
   */
  public synchronized Optional<Boolean> lookup(String identity, String secretDigest, String storedHash) {
    String key = key(identity, secretDigest);
    Entry e = entries.get(key);
    if (e == null) {
      return Optional.empty();
    }
    if (nanoTime.getAsLong() - e.createdNanos() >= ttlNanos || !e.storedHash().equals(storedHash)) {
      entries.remove(key);
      return Optional.empty();
    }
    return Optional.of(e.matched());
  }

  public synchronized void remember(String identity, String secretDigest, String storedHash, boolean matched) {
    entries.put(key(identity, secretDigest), new Entry(storedHash, matched, nanoTime.getAsLong()));
  }

  public synchronized int size() {
    return entries.size();
  }

  private static String key(String identity, String secretDigest) {
    // '\n' can occur in neither part (identities are checked, digests are base64), so keys cannot collide.
    return identity + '\n' + secretDigest;
  }
}
