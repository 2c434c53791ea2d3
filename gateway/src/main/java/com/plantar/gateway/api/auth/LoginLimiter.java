package com.plantar.gateway.api.auth;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Sliding-window limits on sign-in attempts: failed attempts per user name (guessing one account's
 * password) and all attempts per remote address (spraying many accounts). A key over its limit is
 * refused, without checking the password, until its oldest counted attempt leaves the window.
 * Memory is bounded: keys whose attempts all expired are dropped, and past {@code maxKeys} the
 * oldest key goes.
 *
 * <p>Thread-safe (one lock; the work under it is a few deque operations).
 */
public final class LoginLimiter {
  /** Limits: at most {@code perUser} failures per user name and {@code perAddress} attempts per address per window. */
  public record Limits(int perUser, int perAddress, Duration window) {
    /** 5 failures per user name and 30 attempts per address in 5 minutes. */
    public static final Limits DEFAULT = new Limits(5, 30, Duration.ofMinutes(5));
  }

  private static final int MAX_KEYS = 100_000;

  private final Limits limits;
  private final LongSupplier nanoTime;
  private final Map<String, Deque<Long>> failuresByUser = new LinkedHashMap<>();
  private final Map<String, Deque<Long>> attemptsByAddress = new LinkedHashMap<>();

  public LoginLimiter(Limits limits, LongSupplier nanoTime) {
    this.limits = limits;
    this.nanoTime = nanoTime;
  }

  /**
   * Counts an attempt from {@code address} and says whether it may go ahead.
   *
   * @return 0 when allowed, else the seconds until it would be
   */
  public synchronized long tryAttempt(String username, String address) {
    long now = nanoTime.getAsLong();
    long userWait = waitSeconds(failuresByUser, username, limits.perUser(), now);
    long addressWait = waitSeconds(attemptsByAddress, address, limits.perAddress(), now);
    long wait = Math.max(userWait, addressWait);
    if (wait == 0) {
      record(attemptsByAddress, address, now);
    }
    return wait;
  }

  public synchronized void failed(String username) {
    record(failuresByUser, username, nanoTime.getAsLong());
  }

  /** A correct password clears the user name's failures. */
  public synchronized void succeeded(String username) {
    failuresByUser.remove(username);
  }

  private long waitSeconds(Map<String, Deque<Long>> map, String key, int limit, long now) {
    Deque<Long> times = map.get(key);
    if (times == null) {
      return 0;
    }
    long windowNanos = limits.window().toNanos();
    while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
      times.removeFirst();
    }
    if (times.isEmpty()) {
      map.remove(key);
      return 0;
    }
    if (times.size() < limit) {
      return 0;
    }
    long freeAt = times.peekFirst() + windowNanos;
    return Math.max(1, (freeAt - now + 999_999_999L) / 1_000_000_000L);
  }

  private void record(Map<String, Deque<Long>> map, String key, long now) {
    if (map.size() >= MAX_KEYS && !map.containsKey(key)) {
      Iterator<String> oldest = map.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    map.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
  }
}
