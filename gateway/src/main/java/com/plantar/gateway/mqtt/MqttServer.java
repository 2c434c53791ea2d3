package com.plantar.gateway.mqtt;

import com.plantar.gateway.config.MqttConfig;
import com.plantar.gateway.config.TlsConfig;
import com.plantar.gateway.metrics.GatewayMetrics;
import com.plantar.gateway.mqtt.internal.Broker;
import com.plantar.gateway.mqtt.internal.BrokerServices;
import com.plantar.gateway.mqtt.internal.HandlerNames;
import com.plantar.gateway.mqtt.internal.MqttChannelInitializer;
import com.plantar.gateway.mqtt.internal.WebSocketFrameAdapter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.File;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT broker: listeners for MQTT over TCP, TLS and WebSocket, session loops, and the two ports
 * it depends on ({@link MqttSecurity}, {@link PublishInterceptor}). See {@code package-info.java}
 * for the threads. {@link #start()} binds, {@link #close()} shuts down gracefully: stop accepting
 * connections and taking new publishes (they are not acknowledged, so their clients send them
 * again), wait (up to {@code shutdownGraceSeconds}) for outstanding publish completions and their acks,
 * then send v5 clients DISCONNECT 0x8B "server shutting down" and close every connection.
 */
public final class MqttServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MqttServer.class);
  private static final String WEBSOCKET_SUBPROTOCOLS = "mqtt,mqttv3.1,mqttv3.1.1";

  private final MqttConfig config;
  private final TlsConfig tls;
  private final Broker broker;
  private final BrokerServices services;
  private final MqttChannelInitializer.SharedHandlers handlers;
  private final ThreadPoolExecutor securityExecutor;
  private final EventLoopGroup acceptors;
  private final EventLoopGroup workers;
  private final List<Channel> listeners = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
  private int port = -1;
  private int tlsPort = -1;
  private int webSocketPort = -1;

  public MqttServer(
      MqttConfig config,
      TlsConfig tls,
      MqttSecurity security,
      List<InterceptorBinding> interceptors,
      GatewayMetrics metrics) {
    this.config = config;
    this.tls = tls;
    this.broker = new Broker(config, metrics, interceptors);
    this.securityExecutor =
        new ThreadPoolExecutor(
            2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
            new DefaultThreadFactory("plantar-mqtt-security", true));
    this.services = BrokerServices.of(config, broker, security, securityExecutor, metrics);
    this.handlers = MqttChannelInitializer.SharedHandlers.create(services);
    this.acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("plantar-mqtt-accept"), NioIoHandler.newFactory());
    this.workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("plantar-mqtt-io"), NioIoHandler.newFactory());
  }

  /** Binds the configured listeners; ports of 0 are chosen by the OS (see the getters). */
  public MqttServer start() throws InterruptedException, SSLException {
    if (config.port() >= 0) {
      port = bind(config.port(), new MqttChannelInitializer("tcp", null, config, handlers));
    }
    if (tls.enabled() && config.tlsPort() >= 0) {
      tlsPort = bind(config.tlsPort(), new MqttChannelInitializer("tls", sslContext(tls), config, handlers));
    }
    if (config.webSocketPort() >= 0) {
      webSocketPort =
          bind(
              config.webSocketPort(),
              new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                  ChannelPipeline pipeline = ch.pipeline();
                  pipeline.addLast(HandlerNames.HTTP_CODEC, new HttpServerCodec());
                  pipeline.addLast(HandlerNames.HTTP_AGGREGATOR, new HttpObjectAggregator(65_536));
                  addWebSocketMqtt(pipeline, "/mqtt");
                }
              });
    }
    log.info("MQTT listening: tcp {}, tls {}, websocket {}", port, tlsPort, webSocketPort);
    return this;
  }

  private int bind(int requestedPort, ChannelHandler initializer) throws InterruptedException {
    Channel channel =
        new ServerBootstrap()
            .group(acceptors, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(config.writeBufferLowWaterMark(), config.writeBufferHighWaterMark()))
            .childHandler(initializer)
            .bind(new InetSocketAddress(config.host(), requestedPort))
            .sync()
            .channel();
    listeners.add(channel);
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /**
   * Appends MQTT over WebSocket to a pipeline that already decodes HTTP into aggregated requests:
   * the WebSocket handshake on {@code path} (sub-protocol {@code mqtt}), the frame adapter, then
   * the MQTT handlers. Used by the dedicated WebSocket port and by the gateway's HTTP port.
   */
  public void addWebSocketMqtt(ChannelPipeline pipeline, String path) {
    pipeline.channel().config().setWriteBufferWaterMark(
        new WriteBufferWaterMark(config.writeBufferLowWaterMark(), config.writeBufferHighWaterMark()));
    pipeline.addLast(
        HandlerNames.WEBSOCKET_PROTOCOL,
        new WebSocketServerProtocolHandler(
            WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .subprotocols(WEBSOCKET_SUBPROTOCOLS)
                .maxFramePayloadLength(config.maxPacketSize())
                .build()));
    pipeline.addLast(HandlerNames.WEBSOCKET_FRAMES, WebSocketFrameAdapter.INSTANCE);
    pipeline.addLast(HandlerNames.BYTE_METRICS, handlers.byteMetrics());
    MqttChannelInitializer.addMqttHandlers(pipeline, "ws", config, handlers);
  }

  static SslContext sslContext(TlsConfig tls) throws SSLException {
    SslContextBuilder builder =
        SslContextBuilder.forServer(new File(tls.certificateFile()), new File(tls.privateKeyFile()))
            .protocols("TLSv1.3", "TLSv1.2");
    switch (tls.clientAuth()) {
      case "require" -> builder.clientAuth(ClientAuth.REQUIRE).trustManager(new File(tls.clientCaFile()));
      case "optional" -> builder.clientAuth(ClientAuth.OPTIONAL).trustManager(new File(tls.clientCaFile()));
      default -> builder.clientAuth(ClientAuth.NONE);
    }
    return builder.build();
  }

  /**
   * Publishes a message that the gateway itself originates (ACK frames, commands, time responses)
   * to every matching subscriber, without interceptors or ACL. Callable from any thread; never
   * blocks; the payload is copied.
   */
  public void publish(ServerPublish message) {
    try {
      broker.publishFromServer(message.topic(), message.payload(), message.qos(), message.retain(), message.properties());
    } catch (RejectedExecutionException e) {
      // Closed: the session loops are gone, and with them every subscriber; the message has no one to reach.
    }
  }

  /**
   * As {@link #publish}, for a message that must reach someone (a command to a device): completes
   * with the number of sessions it was queued for, 0 when no session subscribes to its topic.
   * Retain is not honoured here (a command is for now).
   */
  public CompletableFuture<Integer> deliver(ServerPublish message) {
    try {
      return broker.publishFromServerCounted(message.topic(), message.payload(), message.qos(), message.properties());
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(0);
    }
  }

  /**
   * The principals (registry identities) of the clients connected now, for the revocation sweep.
   * Callable from any thread except a session loop; waits at most a second for the loops.
   */
  public List<String> connectedPrincipals() throws InterruptedException {
    return broker.connectedPrincipals(1_000);
  }

  /** Ends the connections of these principals (v5 DISCONNECT 0x98); callable from any thread, never blocks. */
  public void disconnect(Set<String> principals) {
    try {
      broker.disconnectPrincipals(principals);
    } catch (RejectedExecutionException e) {
      // Closed: nothing is connected any more.
    }
  }

  /** The bound plain TCP port, or -1. */
  public int port() {
    return port;
  }

  /** The bound TLS port, or -1. */
  public int tlsPort() {
    return tlsPort;
  }

  /** The bound dedicated WebSocket port, or -1. */
  public int webSocketPort() {
    return webSocketPort;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Channel listener : listeners) {
      listener.close().syncUninterruptibly();
    }
    services.draining().set(true);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.shutdownGraceSeconds());
    try {
      while (services.outstandingCompletions().get() > 0 && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(10);
      }
      broker.disconnectAll(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownGracefully(100, 2_000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    acceptors.shutdownGracefully(0, 1_000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    broker.shutdown();
    securityExecutor.shutdownNow();
  }
}
