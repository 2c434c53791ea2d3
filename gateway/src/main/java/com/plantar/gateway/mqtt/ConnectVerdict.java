package com.plantar.gateway.mqtt;

import java.util.Objects;

/**
 * The answer of {@link MqttSecurity#connect}: accepted with a principal, or refused for a reason
 * that the broker maps to the CONNACK code of the client's protocol version.
 */
public record ConnectVerdict(String principal, Refusal refusal) {

  /** Why a CONNECT is refused; mapped to v3 return codes and v5 reason codes. */
  public enum Refusal {
    /** v3 0x04, v5 0x86. */
    BAD_CREDENTIALS,
    /** v3 0x05, v5 0x87. */
    NOT_AUTHORIZED,
    /** v3 0x02, v5 0x85. */
    CLIENT_ID_REJECTED,
    /** v3 0x03, v5 0x88. */
    SERVER_UNAVAILABLE
  }

  public static ConnectVerdict accept(String principal) {
    return new ConnectVerdict(Objects.requireNonNull(principal, "principal"), null);
  }

  public static ConnectVerdict refuse(Refusal refusal) {
    return new ConnectVerdict(null, Objects.requireNonNull(refusal, "refusal"));
  }

  public boolean accepted() {
    return refusal == null;
  }
}
