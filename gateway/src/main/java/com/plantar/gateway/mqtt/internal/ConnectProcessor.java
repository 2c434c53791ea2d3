package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.config.MqttConfig;
import com.plantar.gateway.metrics.Rejection;
import com.plantar.gateway.mqtt.ClientIdentity;
import com.plantar.gateway.mqtt.ConnectVerdict;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONNECT: validates it, asks {@link com.plantar.gateway.mqtt.MqttSecurity#connect} on the security
 * executor (reads stay off meanwhile), then hands the connection to its session loop, which takes
 * over any older connection with the same client id, sends CONNACK and re-sends in-flight messages.
 * Stateless; runs on the channel's event loop.
 */
final class ConnectProcessor {

  private static final Logger log = LoggerFactory.getLogger(ConnectProcessor.class);

  private final BrokerServices services;
  private final MqttConfig config;

  ConnectProcessor(BrokerServices services) {
    this.services = services;
    this.config = services.config();
  }

  void onConnect(ChannelHandlerContext ctx, ConnectionContext cc, MqttConnectMessage connect) {
    MqttConnectVariableHeader header = connect.variableHeader();
    MqttConnectPayload payload = connect.payload();
    cc.v5 = header.version() == MqttVersion.MQTT_5.protocolLevel();
    String clientId = payload.clientIdentifier();
    boolean assignedId = false;
    if (clientId == null || clientId.isEmpty()) {
      if (!cc.v5 && !header.isCleanSession()) {
        refuse(ctx, cc, Rejection.CLIENT_ID_REJECTED, "client id required for a persistent session");
        return;
      }
      clientId = "plantar-" + UUID.randomUUID();
      assignedId = true;
    }
    MqttProperties props = header.properties();
    long expirySeconds;
    if (cc.v5) {
      MqttProperties.MqttProperty<?> expiry = props.getProperty(MqttProperties.SESSION_EXPIRY_INTERVAL);
      long requested = expiry == null ? 0 : Integer.toUnsignedLong((Integer) expiry.value());
      expirySeconds = Math.min(requested, config.maxSessionExpirySeconds());
    } else {
      expirySeconds = header.isCleanSession() ? 0 : config.maxSessionExpirySeconds();
    }
    Will will = null;
    if (header.isWillFlag()) {
      if (!Topics.isValidName(payload.willTopic())) {
        refuse(ctx, cc, Rejection.TOPIC_NAME_INVALID, "will topic is not a valid topic name");
        return;
      }
      MqttProperties willProps = payload.willProperties();
      MqttProperties.MqttProperty<?> delay =
          willProps == null ? null : willProps.getProperty(MqttProperties.WILL_DELAY_INTERVAL);
      will =
          new Will(
              new Message(
                  payload.willTopic(),
                  payload.willMessageInBytes() == null ? new byte[0] : payload.willMessageInBytes(),
                  header.willQos(),
                  header.isWillRetain(),
                  clientId,
                  Message.forwardedProperties(willProps),
                  Message.expiryDeadline(willProps, System.nanoTime())),
              delay == null ? 0 : Integer.toUnsignedLong((Integer) delay.value()),
              null);
    }
    int clientReceiveMaximum = intProperty(props, MqttProperties.RECEIVE_MAXIMUM, 65_535);
    long clientMaxPacketSize =
        props.getProperty(MqttProperties.MAXIMUM_PACKET_SIZE) == null
            ? Long.MAX_VALUE
            : Integer.toUnsignedLong(intProperty(props, MqttProperties.MAXIMUM_PACKET_SIZE, 0));
    int keepAlive = header.keepAliveTimeSeconds();
    if (cc.v5 && config.serverKeepAliveSeconds() > 0) {
      keepAlive = config.serverKeepAliveSeconds();
    }

    cc.phase = ConnectionContext.Phase.CONNECTING;
    cc.clientId = clientId;
    cc.sessionExpirySeconds = expirySeconds;
    ctx.channel().config().setAutoRead(false);

    String finalClientId = clientId;
    String username = payload.userName();
    byte[] password = payload.passwordInBytes();
    String certCn = verifiedCertCn(ctx);
    Will finalWill = will;
    MqttProperties connAckProps =
        cc.v5 ? connAckProperties(assignedId ? clientId : null, expirySeconds, props, keepAlive) : null;
    int finalKeepAlive = keepAlive;
    Link link =
        new Link(ctx.channel(), cc.v5, Math.min(clientReceiveMaximum, config.maxInflightOutbound()), clientMaxPacketSize);
    boolean cleanStart = header.isCleanSession();
    services
        .securityExecutor()
        .execute(
            () -> {
              ConnectVerdict verdict;
              try {
                verdict = services.security().connect(finalClientId, username, password, certCn);
              } catch (RuntimeException e) {
                log.warn("security port failed on CONNECT of {}", finalClientId, e);
                verdict = ConnectVerdict.refuse(ConnectVerdict.Refusal.SERVER_UNAVAILABLE);
              }
              ConnectVerdict result = verdict;
              ctx.channel()
                  .eventLoop()
                  .execute(
                      () -> onVerdict(ctx, cc, result, link, cleanStart, finalWill, connAckProps, finalKeepAlive));
            });
  }

  private void onVerdict(
      ChannelHandlerContext ctx,
      ConnectionContext cc,
      ConnectVerdict verdict,
      Link link,
      boolean cleanStart,
      Will will,
      MqttProperties connAckProps,
      int keepAlive) {
    if (!ctx.channel().isActive()) {
      return;
    }
    if (!verdict.accepted()) {
      refuse(ctx, cc, verdict.refusal());
      return;
    }
    cc.identity = new ClientIdentity(cc.clientId, verdict.principal());
    if (will != null && !services.security().mayPublish(cc.identity, will.message().topic())) {
      services.metrics().aclDenied("publish");
      refuse(ctx, cc, ConnectVerdict.Refusal.NOT_AUTHORIZED);
      return;
    }
    Will identifiedWill = will == null ? null : will.withClient(cc.identity);
    cc.link = link;
    cc.loop = services.broker().loopFor(cc.clientId);
    SessionLoop loop = cc.loop;
    loop.execute(
        () ->
            loop.attach(
                new SessionLoop.Attach(
                    cc.clientId,
                    cc.identity.principal(),
                    link,
                    cleanStart,
                    cc.sessionExpirySeconds,
                    identifiedWill,
                    connAckProps,
                    inboundQos2 -> onAttached(ctx, cc, keepAlive, inboundQos2))));
  }

  private void onAttached(ChannelHandlerContext ctx, ConnectionContext cc, int keepAlive, Set<Integer> inboundQos2) {
    if (!ctx.channel().isActive()) {
      return;
    }
    cc.phase = ConnectionContext.Phase.CONNECTED;
    cc.awaitingPubRel.addAll(inboundQos2);
    cc.inboundQuotaUsed += inboundQos2.size();
    if (keepAlive > 0) {
      ctx.pipeline()
          .replace(
              HandlerNames.IDLE,
              HandlerNames.IDLE,
              new IdleStateHandler(keepAlive * 1500L, 0, 0, TimeUnit.MILLISECONDS));
    } else {
      ctx.pipeline().remove(HandlerNames.IDLE);
    }
    MqttProtocolHandler protocol = (MqttProtocolHandler) ctx.handler();
    while (!cc.heldWhileConnecting.isEmpty() && ctx.channel().isActive()) {
      protocol.channelRead(ctx, cc.heldWhileConnecting.poll());
    }
    ctx.channel().config().setAutoRead(!cc.readSuspended);
  }

  private MqttProperties connAckProperties(
      String assignedClientId, long expirySeconds, MqttProperties connectProps, int keepAlive) {
    MqttProperties props = new MqttProperties();
    props.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, config.receiveMaximum()));
    props.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE, config.maxPacketSize()));
    props.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS_MAXIMUM, config.topicAliasMaximum()));
    if (assignedClientId != null) {
      props.add(new MqttProperties.StringProperty(MqttProperties.ASSIGNED_CLIENT_IDENTIFIER, assignedClientId));
    }
    MqttProperties.MqttProperty<?> requested = connectProps.getProperty(MqttProperties.SESSION_EXPIRY_INTERVAL);
    if (requested != null && Integer.toUnsignedLong((Integer) requested.value()) != expirySeconds) {
      props.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, (int) expirySeconds));
    }
    if (config.serverKeepAliveSeconds() > 0) {
      props.add(new MqttProperties.IntegerProperty(MqttProperties.SERVER_KEEP_ALIVE, keepAlive));
    }
    return props;
  }

  private static int intProperty(MqttProperties props, int id, int absent) {
    MqttProperties.MqttProperty<?> property = props.getProperty(id);
    return property == null ? absent : (Integer) property.value();
  }

  /** The CN of a client certificate that the TLS handshake verified, if any. */
  private static String verifiedCertCn(ChannelHandlerContext ctx) {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    if (ssl == null) {
      return null;
    }
    try {
      Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
        return null;
      }
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
      return null;
    } catch (SSLPeerUnverifiedException | InvalidNameException e) {
      return null;
    }
  }

  private void refuse(ChannelHandlerContext ctx, ConnectionContext cc, ConnectVerdict.Refusal refusal) {
    switch (refusal) {
      case BAD_CREDENTIALS -> refuse(ctx, cc, Rejection.BAD_CREDENTIALS, "bad user name or password");
      case NOT_AUTHORIZED -> refuse(ctx, cc, Rejection.NOT_AUTHORIZED, "not authorized");
      case CLIENT_ID_REJECTED -> refuse(ctx, cc, Rejection.CLIENT_ID_REJECTED, "client id rejected");
      case SERVER_UNAVAILABLE -> refuse(ctx, cc, Rejection.SERVER_UNAVAILABLE, "server unavailable");
    }
  }

  /** Sends a refusing CONNACK with the code of the client's version, counts it and closes. */
  void refuse(ChannelHandlerContext ctx, ConnectionContext cc, Rejection rejection, String reason) {
    services.metrics().rejected(rejection);
    MqttConnectReturnCode code = cc.v5 ? v5Code(rejection) : v3Code(rejection);
    MqttProperties props = cc.v5 ? Packets.reasonString(reason) : null;
    ctx.writeAndFlush(Packets.connAck(code, false, props)).addListener(ChannelFutureListener.CLOSE);
  }

  private static MqttConnectReturnCode v3Code(Rejection rejection) {
    return switch (rejection) {
      case CLIENT_ID_REJECTED -> MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
      case BAD_CREDENTIALS -> MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
      case NOT_AUTHORIZED -> MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
      case UNSUPPORTED_PROTOCOL_VERSION -> MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION;
      default -> MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
    };
  }

  private static MqttConnectReturnCode v5Code(Rejection rejection) {
    return switch (rejection) {
      case CLIENT_ID_REJECTED -> MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID;
      case BAD_CREDENTIALS -> MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD;
      case NOT_AUTHORIZED -> MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5;
      case TOPIC_NAME_INVALID -> MqttConnectReturnCode.CONNECTION_REFUSED_TOPIC_NAME_INVALID;
      case PACKET_TOO_LARGE -> MqttConnectReturnCode.CONNECTION_REFUSED_PACKET_TOO_LARGE;
      case MALFORMED_PACKET -> MqttConnectReturnCode.CONNECTION_REFUSED_MALFORMED_PACKET;
      case UNSUPPORTED_PROTOCOL_VERSION -> MqttConnectReturnCode.CONNECTION_REFUSED_UNSUPPORTED_PROTOCOL_VERSION;
      default -> MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5;
    };
  }
}
