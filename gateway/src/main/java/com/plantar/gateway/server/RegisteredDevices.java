package com.plantar.gateway.server;

import com.plantar.gateway.registry.Registry;
import com.plantar.protocol.DeviceIds;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;

/**
 * Whether a device id is registered and not revoked, for bridge mode (where the external broker, not
 * the gateway, authenticated the device). Answers from memory after the first look-up: a known
 * device is re-checked every minute (so a revocation takes effect within one), an unknown one at
 * most every 10 s (so a flood from a foreign device does not become a flood of SQLite reads).
 * Thread-safe.
 */
final class RegisteredDevices implements LongPredicate {
  private static final long KNOWN_NANOS = 60_000_000_000L;
  private static final long UNKNOWN_NANOS = 10_000_000_000L;

  private record Answer(boolean registered, long atNanos) {}

  private final Registry registry;
  private final Map<Long, Answer> answers = new ConcurrentHashMap<>();

  RegisteredDevices(Registry registry) {
    this.registry = registry;
  }

  @Override
  public boolean test(long deviceId) {
    long now = System.nanoTime();
    Answer answer = answers.get(deviceId);
    if (answer == null || now - answer.atNanos() > (answer.registered() ? KNOWN_NANOS : UNKNOWN_NANOS)) {
      boolean registered = registry.findCredential(DeviceIds.toHex(deviceId)).map(c -> !c.revoked()).orElse(false);
      answer = new Answer(registered, now);
      answers.put(deviceId, answer);
    }
    return answer.registered();
  }
}
