package com.plantar.gateway.mqtt.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * MQTT over WebSocket: binary (and continuation) frames in become bytes for the MQTT decoder; bytes
 * out become binary frames. Other frames (text) are dropped; control frames are handled before this
 * by the WebSocket protocol handler. Stateless and shared.
 */
@ChannelHandler.Sharable
public final class WebSocketFrameAdapter extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

  public static final WebSocketFrameAdapter INSTANCE = new WebSocketFrameAdapter();

  private WebSocketFrameAdapter() {}

  @Override
  protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
    out.add(new BinaryWebSocketFrame(msg.retain()));
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
    if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
      out.add(frame.content().retain());
    }
  }
}
