package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.metrics.GatewayMetrics;
import com.plantar.gateway.metrics.Rejection;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.util.ReferenceCountUtil;
import java.util.Set;

/**
 * The MQTT state machine of a connection: dispatches decoded packets by type to the connect,
 * publish and subscribe processors and handles PING, acknowledgements of outbound messages,
 * DISCONNECT, decoder failures and connection loss. It is the last receiver of every decoded
 * packet and releases it in {@code finally} (packets held during CONNECT are released when
 * replayed). Shared by all channels; per-connection state is the {@link ConnectionContext}
 * attribute. Runs on the channel's event loop.
 */
@ChannelHandler.Sharable
final class MqttProtocolHandler extends ChannelInboundHandlerAdapter {

  private final BrokerServices services;
  private final GatewayMetrics metrics;
  private final ConnectProcessor connects;
  private final PublishProcessor publishes;
  private final SubscribeProcessor subscriptions;

  MqttProtocolHandler(BrokerServices services) {
    this.services = services;
    this.metrics = services.metrics();
    this.connects = new ConnectProcessor(services);
    this.publishes = new PublishProcessor(services);
    this.subscriptions = new SubscribeProcessor(services);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    // Added to an already active channel after a WebSocket upgrade: channelActive will not come.
    if (ctx.channel().isActive()) {
      metrics.connectionOpened(ctx.channel().attr(ConnectionContext.KEY).get().listener);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    metrics.connectionOpened(ctx.channel().attr(ConnectionContext.KEY).get().listener);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ConnectionContext cc = ctx.channel().attr(ConnectionContext.KEY).get();
    if (cc.phase == ConnectionContext.Phase.CONNECTING && msg instanceof MqttMessage) {
      if (cc.heldWhileConnecting.size() >= ConnectionContext.MAX_HELD_PACKETS) {
        ReferenceCountUtil.release(msg);
        Closer.close(ctx.channel(), cc, metrics, Rejection.PROTOCOL_ERROR, 0x82, "packets before CONNACK");
        return;
      }
      cc.heldWhileConnecting.add(msg);
      return;
    }
    try {
      if (msg instanceof MqttMessage packet) {
        dispatch(ctx, cc, packet);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void dispatch(ChannelHandlerContext ctx, ConnectionContext cc, MqttMessage packet) {
    DecoderResult result = packet.decoderResult();
    if (result.isFailure()) {
      onDecoderFailure(ctx, cc, packet, result.cause());
      return;
    }
    MqttMessageType type = packet.fixedHeader().messageType();
    if (cc.phase == ConnectionContext.Phase.AWAITING_CONNECT) {
      if (type == MqttMessageType.CONNECT) {
        connects.onConnect(ctx, cc, (MqttConnectMessage) packet);
      } else {
        Closer.close(ctx.channel(), cc, metrics, Rejection.PACKET_BEFORE_CONNECT, 0x82, "expected CONNECT");
      }
      return;
    }
    switch (type) {
      case PUBLISH -> publishes.onPublish(ctx, cc, (MqttPublishMessage) packet);
      case PUBACK -> {
        int id = packetId(packet);
        cc.loop.execute(() -> cc.loop.onPubAck(cc.clientId, cc.link, id));
      }
      case PUBREC -> {
        int id = packetId(packet);
        int reason = reasonCode(packet);
        cc.loop.execute(() -> cc.loop.onPubRec(cc.clientId, cc.link, id, reason));
      }
      case PUBREL -> publishes.onPubRel(ctx, cc, packetId(packet));
      case PUBCOMP -> {
        int id = packetId(packet);
        cc.loop.execute(() -> cc.loop.onPubComp(cc.clientId, cc.link, id));
      }
      case SUBSCRIBE -> subscriptions.onSubscribe(ctx, cc, (MqttSubscribeMessage) packet);
      case UNSUBSCRIBE -> subscriptions.onUnsubscribe(ctx, cc, (MqttUnsubscribeMessage) packet);
      case PINGREQ -> ctx.writeAndFlush(Packets.PINGRESP);
      case DISCONNECT -> onDisconnect(ctx, cc, packet);
      default -> Closer.close(ctx.channel(), cc, metrics, Rejection.PROTOCOL_ERROR, 0x82, "unexpected " + type);
    }
  }

  private static int packetId(MqttMessage packet) {
    return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
  }

  private static int reasonCode(MqttMessage packet) {
    return packet.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply ? reply.reasonCode() & 0xFF : 0;
  }

  private void onDisconnect(ChannelHandlerContext ctx, ConnectionContext cc, MqttMessage packet) {
    cc.disconnectReceived = true;
    boolean publishWill = false;
    Long newExpiry = null;
    if (cc.v5 && packet.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header) {
      publishWill = (header.reasonCode() & 0xFF) == 0x04;
      MqttProperties.MqttProperty<?> expiry = header.properties().getProperty(MqttProperties.SESSION_EXPIRY_INTERVAL);
      if (expiry != null) {
        long requested = Integer.toUnsignedLong((Integer) expiry.value());
        if (cc.sessionExpirySeconds == 0 && requested != 0) {
          Closer.close(ctx.channel(), cc, metrics, Rejection.PROTOCOL_ERROR, 0x82, "session expiry set after 0");
          return;
        }
        newExpiry = Math.min(requested, services.config().maxSessionExpirySeconds());
      }
    }
    boolean will = publishWill;
    Long expiry = newExpiry;
    Set<Integer> inboundQos2 = Set.copyOf(cc.awaitingPubRel);
    cc.loop.execute(() -> cc.loop.connectionLost(cc.clientId, cc.link, will, expiry, inboundQos2));
    ctx.channel().close();
  }

  private void onDecoderFailure(ChannelHandlerContext ctx, ConnectionContext cc, MqttMessage packet, Throwable cause) {
    MqttFixedHeader header = packet.fixedHeader();
    boolean connect = header != null && header.messageType() == MqttMessageType.CONNECT;
    if (cause instanceof TooLongFrameException) {
      if (connect || cc.phase == ConnectionContext.Phase.AWAITING_CONNECT) {
        metrics.rejected(Rejection.PACKET_TOO_LARGE);
        ctx.channel().close();
      } else {
        Closer.close(ctx.channel(), cc, metrics, Rejection.PACKET_TOO_LARGE, 0x95, "packet too large");
      }
    } else if (cause instanceof MqttUnacceptableProtocolVersionException && connect) {
      connects.refuse(ctx, cc, Rejection.UNSUPPORTED_PROTOCOL_VERSION, "unsupported protocol version");
    } else if (cause instanceof MqttIdentifierRejectedException && connect) {
      connects.refuse(ctx, cc, Rejection.CLIENT_ID_REJECTED, "client id rejected");
    } else {
      Closer.close(ctx.channel(), cc, metrics, Rejection.MALFORMED_PACKET, 0x81, "malformed packet");
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    ConnectionContext cc = ctx.channel().attr(ConnectionContext.KEY).get();
    if (ctx.channel().isWritable() && cc.link != null) {
      cc.loop.execute(() -> cc.loop.onWritable(cc.clientId, cc.link));
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    ConnectionContext cc = ctx.channel().attr(ConnectionContext.KEY).get();
    metrics.connectionClosed(cc.listener);
    while (!cc.heldWhileConnecting.isEmpty()) {
      ReferenceCountUtil.release(cc.heldWhileConnecting.poll());
    }
    if (cc.link != null && !cc.disconnectReceived) {
      Set<Integer> inboundQos2 = Set.copyOf(cc.awaitingPubRel);
      cc.loop.execute(() -> cc.loop.connectionLost(cc.clientId, cc.link, true, null, inboundQos2));
    }
    ctx.fireChannelInactive();
  }
}
