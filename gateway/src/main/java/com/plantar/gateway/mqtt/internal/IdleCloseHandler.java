package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.metrics.GatewayMetrics;
import com.plantar.gateway.metrics.Rejection;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a connection whose {@link io.netty.handler.timeout.IdleStateHandler} fired: before CONNECT
 * that is the connect timeout, after it the keep-alive (1.5 times the negotiated interval). Counted;
 * a v5 client gets DISCONNECT 0x8D. Stateless and shared.
 */
@ChannelHandler.Sharable
final class IdleCloseHandler extends ChannelInboundHandlerAdapter {

  private final GatewayMetrics metrics;

  IdleCloseHandler(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (!(event instanceof IdleStateEvent)) {
      ctx.fireUserEventTriggered(event);
      return;
    }
    ConnectionContext cc = ctx.channel().attr(ConnectionContext.KEY).get();
    if (cc.phase == ConnectionContext.Phase.CONNECTED) {
      Closer.close(ctx.channel(), cc, metrics, Rejection.KEEP_ALIVE_TIMEOUT, 0x8D, "keep alive timeout");
    } else {
      metrics.rejected(Rejection.CONNECT_TIMEOUT);
      ctx.channel().close();
    }
  }
}
