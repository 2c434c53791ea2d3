package com.plantar.gateway.http;

import com.plantar.gateway.config.HttpConfig;
import com.plantar.gateway.mqtt.MqttServer;
import com.plantar.gateway.mqtt.internal.HandlerNames;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The gateway's HTTP port on Netty: {@code /health}, {@code /metrics} and MQTT over WebSocket. A
 * stopgap until the HTTP API moves to Vert.x Web on the same Netty.
 *
 * <pre>
 *   httpCodec        HttpServerCodec (per channel)
 *   httpAggregator   HttpObjectAggregator(64 KiB) (per channel)
 *   httpRoutes       HttpRouteHandler (shared)   /health, /metrics, WebSocket upgrade on the path
 *   [webSocket...]   added by MqttServer#addWebSocketMqtt after an upgrade request
 * </pre>
 */
public final class HttpServer implements AutoCloseable {

  private final HttpConfig config;
  private final HttpRouteHandler routes;
  private final EventLoopGroup group;
  private Channel listener;

  /**
   * @param metrics renders the Prometheus text for {@code /metrics}
   * @param mqtt the broker to hand WebSocket upgrades to, or {@code null} for none
   */
  public HttpServer(HttpConfig config, Supplier<String> metrics, MqttServer mqtt) {
    this(config, metrics, mqtt, Optional::empty);
  }

  /**
   * @param degraded why the gateway cannot acknowledge right now (e.g. Kafka unreachable), or empty
   *     when it can: {@code /health} answers 503 with the reason
   */
  public HttpServer(HttpConfig config, Supplier<String> metrics, MqttServer mqtt, Supplier<Optional<String>> degraded) {
    this.config = config;
    this.routes = new HttpRouteHandler(config.webSocketPath(), metrics, mqtt, degraded);
    this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("plantar-http"), NioIoHandler.newFactory());
  }

  public HttpServer start() throws InterruptedException {
    listener =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(HandlerNames.HTTP_CODEC, new HttpServerCodec());
                    ch.pipeline().addLast(HandlerNames.HTTP_AGGREGATOR, new HttpObjectAggregator(65_536));
                    ch.pipeline().addLast(HandlerNames.HTTP_ROUTES, routes);
                  }
                })
            .bind(new InetSocketAddress(config.host(), config.port()))
            .sync()
            .channel();
    return this;
  }

  /** The bound port. */
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  @Override
  public void close() {
    if (listener != null) {
      listener.close().syncUninterruptibly();
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
