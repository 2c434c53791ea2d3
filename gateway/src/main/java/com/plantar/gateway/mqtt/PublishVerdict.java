package com.plantar.gateway.mqtt;

/**
 * The outcome of a {@link PublishInterceptor}: accept (the broker routes the message and sends the
 * PUBACK/PUBREC), or reject with an MQTT 5 reason code of 0x80 or above (sent in the PUBACK/PUBREC
 * to v5 clients; a v3 client is disconnected, since v3 has no negative acknowledgement).
 */
public record PublishVerdict(int reasonCode, String reason) {

  public static final PublishVerdict ACCEPT = new PublishVerdict(0, null);

  public PublishVerdict {
    if (reasonCode != 0 && (reasonCode < 0x80 || reasonCode > 0xFF)) {
      throw new IllegalArgumentException("a rejection needs a reason code from 0x80 to 0xFF");
    }
  }

  /**
   * @param reasonCode e.g. 0x80 unspecified error, 0x83 implementation specific error, 0x87 not
   *     authorized, 0x97 quota exceeded, 0x99 payload format invalid
   * @param reason a human-readable reason string sent to v5 clients, or {@code null}
   */
  public static PublishVerdict reject(int reasonCode, String reason) {
    if (reasonCode < 0x80) {
      throw new IllegalArgumentException("a rejection needs a reason code from 0x80 to 0xFF");
    }
    return new PublishVerdict(reasonCode, reason);
  }

  public boolean accepted() {
    return reasonCode == 0;
  }
}
