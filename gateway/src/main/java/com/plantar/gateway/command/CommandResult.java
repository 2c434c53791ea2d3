package com.plantar.gateway.command;

/** What became of a command when {@link CommandSender#send} completed. */
public enum CommandResult {
  /** Queued for the device's MQTT session on this instance (sent now, or at reconnect if its session persists). */
  QUEUED,
  /** No session on this instance subscribes to the device's command topic: the device is offline. */
  NOT_CONNECTED,
  /**
   * Handed on to where the device's connection may be, which does not say whether it is there:
   * durable in Kafka, and the instance holding the connection sends it (cluster mode); or published
   * on the external broker a bridge connects to.
   */
  ROUTED
}
