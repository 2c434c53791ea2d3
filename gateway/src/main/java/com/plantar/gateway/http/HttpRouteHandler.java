package com.plantar.gateway.http;

import com.plantar.gateway.mqtt.MqttServer;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The gateway's minimal HTTP endpoints: {@code GET /health}, {@code GET /metrics} (Prometheus text)
 * and the MQTT-over-WebSocket upgrade on the configured path, which appends the WebSocket and MQTT
 * handlers to this connection's pipeline and passes the upgrade request on to them. Everything
 * else is 404. Stateless and shared; runs on the channel's event loop.
 */
@ChannelHandler.Sharable
final class HttpRouteHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private final String webSocketPath;
  private final Supplier<String> metrics;
  private final MqttServer mqtt;
  private final Supplier<Optional<String>> degraded;

  HttpRouteHandler(String webSocketPath, Supplier<String> metrics, MqttServer mqtt,
      Supplier<Optional<String>> degraded) {
    super(false);
    this.webSocketPath = webSocketPath;
    this.metrics = metrics;
    this.mqtt = mqtt;
    this.degraded = degraded;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String path = new QueryStringDecoder(request.uri()).path();
    if (path.equals(webSocketPath) && mqtt != null && isWebSocketUpgrade(request)) {
      mqtt.addWebSocketMqtt(ctx.pipeline(), webSocketPath);
      ctx.fireChannelRead(request); // the WebSocket handshake handler takes it from here
      return;
    }
    try {
      if (request.method() != HttpMethod.GET) {
        respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "GET only\n");
      } else if (path.equals("/health")) {
        Optional<String> reason = degraded.get();
        if (reason.isEmpty()) {
          respond(ctx, request, HttpResponseStatus.OK, "application/json", "{\"status\":\"UP\"}\n");
        } else {
          respond(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "application/json",
              "{\"status\":\"DEGRADED\",\"reason\":\"" + jsonEscaped(reason.get()) + "\"}\n");
        }
      } else if (path.equals("/metrics")) {
        respond(ctx, request, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
      } else {
        respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain", "not found\n");
      }
    } finally {
      request.release();
    }
  }

  private static String jsonEscaped(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isWebSocketUpgrade(FullHttpRequest request) {
    return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
  }

  private static void respond(
      ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String type, String body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    HttpUtil.setContentLength(response, response.content().readableBytes());
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    HttpUtil.setKeepAlive(response, keepAlive);
    if (keepAlive) {
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
