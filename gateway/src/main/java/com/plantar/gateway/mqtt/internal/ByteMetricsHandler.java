package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.metrics.GatewayMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** Counts bytes read from and written to the socket. Stateless and shared. */
@ChannelHandler.Sharable
final class ByteMetricsHandler extends ChannelDuplexHandler {

  private final GatewayMetrics metrics;

  ByteMetricsHandler(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    metrics.bytesIn(size(msg));
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    metrics.bytesOut(size(msg));
    ctx.write(msg, promise);
  }

  private static long size(Object msg) {
    if (msg instanceof ByteBuf buf) {
      return buf.readableBytes();
    }
    if (msg instanceof ByteBufHolder holder) {
      return holder.content().readableBytes();
    }
    return 0;
  }
}
