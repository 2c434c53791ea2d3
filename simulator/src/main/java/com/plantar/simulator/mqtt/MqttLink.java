package com.plantar.simulator.mqtt;

/**
 * The Paho client behind a connection, v5 or v3. Callbacks arrive on Paho's threads; the
 * connection hands them to its simulation thread.
 */
interface MqttLink {
  /** Events from the client, called on Paho's threads. */
  interface Listener {
    void connected(int receiveMaximum);

    void connectFailed(Throwable cause);

    void lost(Throwable cause);

    void message(String topic, byte[] payload);
  }

  /** Starts connecting; the listener hears the outcome. */
  void connect(Listener listener);

  void subscribe(String[] topics);

  /**
   * Starts a publish; {@code done} runs (on a Paho thread) once it is complete (QoS 1: PUBACK),
   * {@code failed} if it cannot complete.
   * {@code expirySeconds} (0 for none), {@code responseTopic} and {@code correlation} are MQTT 5
   * properties, ignored by v3.
   */
  void publish(String topic, byte[] payload, int qos, boolean retain, long expirySeconds,
      String responseTopic, byte[] correlation, Runnable done, Runnable failed) throws Exception;

  /** Closes the connection (sending DISCONNECT when it can) and releases the client. */
  void close();

  /** Drops the TCP connection without DISCONNECT, so the broker publishes the will. */
  void drop();
}
