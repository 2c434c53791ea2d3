package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.metrics.GatewayMetrics;
import com.plantar.gateway.metrics.Rejection;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/** Ends a connection for a counted reason: a v5 DISCONNECT with reason code first, if possible. */
final class Closer {

  private Closer() {}

  static void close(
      Channel channel, ConnectionContext cc, GatewayMetrics metrics, Rejection rejection, int reasonCode, String reason) {
    metrics.rejected(rejection);
    if (cc != null && cc.v5 && cc.phase != ConnectionContext.Phase.AWAITING_CONNECT && channel.isActive()) {
      channel.writeAndFlush(Packets.disconnect(reasonCode, reason)).addListener(ChannelFutureListener.CLOSE);
    } else {
      channel.close();
    }
  }
}
