package com.plantar.gateway.mqtt.internal;

/**
 * Names of the pipeline handlers of the MQTT listeners (the dedicated WebSocket port included); see
 * {@link MqttChannelInitializer} and {@code MqttServer} for their order.
 */
public final class HandlerNames {

  public static final String TLS = "tls";
  public static final String BYTE_METRICS = "byteMetrics";
  public static final String HTTP_CODEC = "httpCodec";
  public static final String HTTP_AGGREGATOR = "httpAggregator";
  public static final String WEBSOCKET_PROTOCOL = "webSocketProtocol";
  public static final String WEBSOCKET_FRAMES = "webSocketFrames";
  public static final String IDLE = "idle";
  public static final String IDLE_CLOSE = "idleClose";
  public static final String DECODER = "mqttDecoder";
  public static final String ENCODER = "mqttEncoder";
  public static final String PACKET_METRICS = "packetMetrics";
  public static final String PROTOCOL = "mqttProtocol";
  public static final String EXCEPTIONS = "exceptions";

  private HandlerNames() {}
}
