package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.config.MqttConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of an MQTT connection (TCP, or TLS when an {@link SslContext} is given):
 *
 * <pre>
 *   [tls]            SslHandler (per channel)                 TLS 1.2/1.3, optional client cert
 *   byteMetrics      ByteMetricsHandler (shared)              wire bytes in/out
 *   idle             IdleStateHandler (per channel)           10 s to CONNECT, then 1.5 x keep-alive
 *   idleClose        IdleCloseHandler (shared)                closes on idle, counted
 *   mqttDecoder      MqttDecoder(maxPacketSize) (per channel) bytes to packets; bad input = failed result
 *   mqttEncoder      MqttEncoder.INSTANCE (shared)
 *   packetMetrics    PacketMetricsHandler (shared)            packets by type
 *   mqttProtocol     MqttProtocolHandler (shared)             MQTT state machine; releases packets
 *   exceptions       ExceptionHandler (shared)                last: count, log, close
 * </pre>
 *
 * MQTT over WebSocket (its own port, or the HTTP port after an upgrade on {@code /mqtt}) has the
 * HTTP codec and aggregator, the WebSocket protocol handler and {@link WebSocketFrameAdapter} first,
 * then {@code byteMetrics} (counting MQTT bytes) and, through {@link #addMqttHandlers}, the same
 * handlers from {@code idle} on.
 */
public final class MqttChannelInitializer extends ChannelInitializer<Channel> {

  private final String listener;
  private final SslContext ssl;
  private final MqttConfig config;
  private final SharedHandlers shared;

  /** The handlers that every MQTT channel shares; built once per server. */
  public record SharedHandlers(
      ByteMetricsHandler byteMetrics,
      IdleCloseHandler idleClose,
      PacketMetricsHandler packetMetrics,
      MqttProtocolHandler protocol,
      ExceptionHandler exceptions) {

    public static SharedHandlers create(BrokerServices services) {
      return new SharedHandlers(
          new ByteMetricsHandler(services.metrics()),
          new IdleCloseHandler(services.metrics()),
          new PacketMetricsHandler(services.metrics()),
          new MqttProtocolHandler(services),
          new ExceptionHandler(services.metrics()));
    }
  }

  /**
   * @param listener the listener's name for metrics ({@code tcp}, {@code tls}, {@code ws})
   * @param ssl the server TLS context, or {@code null} for plain TCP
   */
  public MqttChannelInitializer(String listener, SslContext ssl, MqttConfig config, SharedHandlers shared) {
    this.listener = listener;
    this.ssl = ssl;
    this.config = config;
    this.shared = shared;
  }

  @Override
  protected void initChannel(Channel ch) {
    ChannelPipeline pipeline = ch.pipeline();
    if (ssl != null) {
      pipeline.addLast(HandlerNames.TLS, ssl.newHandler(ch.alloc()));
    }
    pipeline.addLast(HandlerNames.BYTE_METRICS, shared.byteMetrics());
    addMqttHandlers(pipeline, listener, config, shared);
  }

  /** Adds the MQTT handlers (from {@code idle} to {@code exceptions}) at the end of a pipeline. */
  public static void addMqttHandlers(ChannelPipeline pipeline, String listener, MqttConfig config, SharedHandlers shared) {
    pipeline.channel().attr(ConnectionContext.KEY).set(new ConnectionContext(listener));
    pipeline.addLast(HandlerNames.IDLE, new IdleStateHandler(config.connectTimeoutSeconds(), 0, 0, TimeUnit.SECONDS));
    pipeline.addLast(HandlerNames.IDLE_CLOSE, shared.idleClose());
    pipeline.addLast(HandlerNames.DECODER, new MqttDecoder(config.maxPacketSize()));
    pipeline.addLast(HandlerNames.ENCODER, MqttEncoder.INSTANCE);
    pipeline.addLast(HandlerNames.PACKET_METRICS, shared.packetMetrics());
    pipeline.addLast(HandlerNames.PROTOCOL, shared.protocol());
    pipeline.addLast(HandlerNames.EXCEPTIONS, shared.exceptions());
  }
}
