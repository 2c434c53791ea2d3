package com.plantar.gateway.command;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A command to one insole, as PROTOCOL.md §11 carries it on {@code insole/v1/{tenant}/{deviceId}/cmd}
 * (QoS 1): {@code {"cmd":"set_rate","id":"…","rate_hz":100}}. A command is for now: it is sent to
 * the device's session if there is one, and dropped unsent after {@code notAfterUtcMs} (an instance
 * that reads it late from Kafka does not send it any more).
 *
 * @param id unique per command, echoed in the payload so that firmware can drop a repeat
 * @param tenant the device's tenant
 * @param deviceId 16 lowercase hex digits
 * @param name one of {@link #NAMES}
 * @param rateHz the sampling rate for {@code set_rate} (1–1000), 0 for every other command
 * @param notAfterUtcMs when it stops being worth sending
 */
public record DeviceCommand(String id, String tenant, String deviceId, String name, int rateHz, long notAfterUtcMs) {
  /** What firmware understands (PROTOCOL.md §11). */
  public static final Set<String> NAMES = Set.of("rebirth", "start", "stop", "set_rate", "tare", "resend");

  private static final Pattern DEVICE_ID = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern TOPIC_LEVEL = Pattern.compile("[^/+#\\u0000]{1,64}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public DeviceCommand {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("command id must be 1-64 of [A-Za-z0-9_-]");
    }
    if (!TOPIC_LEVEL.matcher(tenant).matches()) {
      throw new IllegalArgumentException("not a tenant: " + tenant);
    }
    if (!DEVICE_ID.matcher(deviceId).matches()) {
      throw new IllegalArgumentException("a device id is 16 lowercase hex digits");
    }
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown command " + name + "; known: " + NAMES);
    }
    if (name.equals("set_rate") ? rateHz < 1 || rateHz > 1_000 : rateHz != 0) {
      throw new IllegalArgumentException("rate_hz is 1-1000 for set_rate and absent otherwise");
    }
  }

  public String topic() {
    return "insole/v1/" + tenant + "/" + deviceId + "/cmd";
  }

  /** The JSON the device receives. Every value is from a checked alphabet: nothing needs escaping. */
  public byte[] payload() {
    String json = "{\"cmd\":\"" + name + "\",\"id\":\"" + id + "\""
        + (name.equals("set_rate") ? ",\"rate_hz\":" + rateHz : "") + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  public boolean expired(long nowUtcMs) {
    return nowUtcMs > notAfterUtcMs;
  }
}
