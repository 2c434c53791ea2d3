package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.metrics.GatewayMetrics;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttMessage;

/** Counts decoded and sent MQTT packets by type. Stateless and shared. */
@ChannelHandler.Sharable
final class PacketMetricsHandler extends ChannelDuplexHandler {

  private final GatewayMetrics metrics;

  PacketMetricsHandler(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof MqttMessage packet && packet.fixedHeader() != null && packet.decoderResult().isSuccess()) {
      metrics.packetIn(packet.fixedHeader().messageType().name());
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof MqttMessage packet) {
      metrics.packetOut(packet.fixedHeader().messageType().name());
    }
    ctx.write(msg, promise);
  }
}
