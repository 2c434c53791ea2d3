package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.metrics.GatewayMetrics;
import com.plantar.gateway.metrics.Rejection;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Last in the pipeline: counts and logs any exception and closes the connection. Shared. */
@ChannelHandler.Sharable
final class ExceptionHandler extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(ExceptionHandler.class);

  private final GatewayMetrics metrics;

  ExceptionHandler(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    boolean tls = cause instanceof SSLException || (cause instanceof DecoderException && cause.getCause() instanceof SSLException);
    metrics.rejected(tls ? Rejection.TLS_HANDSHAKE_FAILED : Rejection.IO_ERROR);
    log.debug("closing {} after {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
