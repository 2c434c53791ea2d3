package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.config.MqttConfig;
import com.plantar.gateway.metrics.GatewayMetrics;
import com.plantar.gateway.metrics.Rejection;
import com.plantar.gateway.mqtt.InboundPublish;
import com.plantar.gateway.mqtt.PublishInterceptor;
import com.plantar.gateway.mqtt.PublishVerdict;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound PUBLISH and PUBREL: resolves topic aliases, enforces the receive maximum and the ACL,
 * runs the {@link PublishInterceptor} bound to the topic, and acknowledges and routes each publish
 * only when its verdict is in, in arrival order. While more verdicts are outstanding on a
 * connection than the receive maximum, reading from it stops. Stateless (state lives in {@link
 * ConnectionContext}); runs on the channel's event loop.
 */
final class PublishProcessor {

  private static final Logger log = LoggerFactory.getLogger(PublishProcessor.class);
  private static final PublishVerdict ACL_DENIED = PublishVerdict.reject(0x87, "not authorized");

  private final BrokerServices services;
  private final MqttConfig config;
  private final GatewayMetrics metrics;

  PublishProcessor(BrokerServices services) {
    this.services = services;
    this.config = services.config();
    this.metrics = services.metrics();
  }

  void onPublish(ChannelHandlerContext ctx, ConnectionContext cc, MqttPublishMessage publish) {
    if (services.draining().get()) {
      metrics.messageDropped("server_closing");
      return;
    }
    long received = System.nanoTime();
    MqttPublishVariableHeader header = publish.variableHeader();
    int qos = publish.fixedHeader().qosLevel().value();
    int packetId = header.packetId();
    String topic = header.topicName();
    MqttProperties props = header.properties();
    if (cc.v5) {
      MqttProperties.MqttProperty<?> aliasProperty = props.getProperty(MqttProperties.TOPIC_ALIAS);
      if (aliasProperty != null) {
        int alias = (Integer) aliasProperty.value();
        if (alias == 0 || alias > config.topicAliasMaximum()) {
          Closer.close(ctx.channel(), cc, metrics, Rejection.TOPIC_ALIAS_INVALID, 0x94, "topic alias out of range");
          return;
        }
        if (topic.isEmpty()) {
          topic = cc.topicAliases.get(alias);
          if (topic == null) {
            Closer.close(ctx.channel(), cc, metrics, Rejection.TOPIC_ALIAS_INVALID, 0x82, "unknown topic alias");
            return;
          }
        } else {
          cc.topicAliases.put(alias, topic);
        }
      }
    }
    if (!Topics.isValidName(topic)) {
      Closer.close(ctx.channel(), cc, metrics, Rejection.TOPIC_NAME_INVALID, 0x90, "invalid topic name");
      return;
    }
    if (qos == 2 && (cc.awaitingPubRel.contains(packetId) || cc.hasPendingPacketId(packetId))) {
      // A re-sent QoS 2 PUBLISH: acknowledge (again) once, never deliver twice.
      if (cc.awaitingPubRel.contains(packetId)) {
        ctx.writeAndFlush(Packets.pubReply(MqttMessageType.PUBREC, packetId, 0, null, cc.v5));
      }
      return;
    }
    if (qos == 1 && cc.hasPendingPacketId(packetId)) {
      return; // re-sent while its verdict is outstanding: the coming PUBACK answers both
    }
    if (qos > 0) {
      if (cc.v5 && cc.inboundQuotaUsed >= config.receiveMaximum()) {
        Closer.close(ctx.channel(), cc, metrics, Rejection.RECEIVE_MAXIMUM_EXCEEDED, 0x93, "receive maximum exceeded");
        return;
      }
      cc.inboundQuotaUsed++;
    }
    Message message =
        new Message(
            topic,
            ByteBufUtil.getBytes(publish.content()),
            qos,
            publish.fixedHeader().isRetain(),
            cc.clientId,
            cc.v5 ? Message.forwardedProperties(props) : java.util.List.of(),
            cc.v5 ? Message.expiryDeadline(props, received) : Message.NEVER);
    PendingPublish pending = new PendingPublish(message, packetId, received);
    cc.pending.add(pending);
    cc.notStarted.add(pending);
    services.outstandingCompletions().incrementAndGet();
    metrics.pendingCompletionsChanged(1);
    if (cc.pending.size() >= config.receiveMaximum() && !cc.readSuspended) {
      cc.readSuspended = true;
      ctx.channel().config().setAutoRead(false);
    }
    progress(ctx, cc);
  }

  /**
   * Starts waiting publishes while fewer than the receive maximum are being intercepted, then
   * settles completed publishes from the head of the queue. Loops instead of recursing, since
   * verdicts may arrive synchronously.
   */
  private void progress(ChannelHandlerContext ctx, ConnectionContext cc) {
    if (cc.progressing) {
      return;
    }
    cc.progressing = true;
    try {
      boolean changed = true;
      boolean wrote = false;
      while (changed) {
        changed = false;
        while (!cc.notStarted.isEmpty() && cc.intercepting < config.receiveMaximum()) {
          PendingPublish next = cc.notStarted.poll();
          cc.intercepting++;
          start(ctx, cc, next);
          changed = true;
        }
        while (!cc.pending.isEmpty() && cc.pending.peek().verdict != null) {
          PendingPublish head = cc.pending.poll();
          services.outstandingCompletions().decrementAndGet();
          metrics.pendingCompletionsChanged(-1);
          wrote |= head.message.qos() > 0;
          changed = true;
          if (!settle(ctx, cc, head)) {
            return;
          }
        }
      }
      if (wrote) {
        ctx.flush();
      }
      if (cc.readSuspended && cc.pending.size() < config.receiveMaximum()) {
        cc.readSuspended = false;
        if (cc.phase == ConnectionContext.Phase.CONNECTED) {
          ctx.channel().config().setAutoRead(true);
        }
      }
    } finally {
      cc.progressing = false;
    }
  }

  private void start(ChannelHandlerContext ctx, ConnectionContext cc, PendingPublish pending) {
    Message message = pending.message;
    if (!services.security().mayPublish(cc.identity, message.topic())) {
      metrics.aclDenied("publish");
      if (cc.denials.record(System.nanoTime())) {
        Closer.close(ctx.channel(), cc, metrics, Rejection.NOT_AUTHORIZED, 0x87, "repeated unauthorized requests");
        return;
      }
      pending.aclDenied = true;
      decided(cc, pending, ACL_DENIED);
      return;
    }
    PublishInterceptor interceptor = services.interceptorFor(message.topic());
    if (interceptor == null) {
      decided(cc, pending, PublishVerdict.ACCEPT);
      return;
    }
    CompletionStage<PublishVerdict> stage;
    try {
      stage =
          interceptor.intercept(
              new InboundPublish(
                  cc.identity,
                  message.topic(),
                  message.qos(),
                  message.retain(),
                  ByteBuffer.wrap(message.payload()).asReadOnlyBuffer(),
                  pending.receivedNanos));
    } catch (RuntimeException e) {
      log.warn("publish interceptor threw for topic {}", message.topic(), e);
      decided(cc, pending, PublishVerdict.reject(0x80, "interceptor failed"));
      return;
    }
    stage.whenComplete(
        (verdict, error) -> {
          PublishVerdict outcome;
          if (error != null) {
            log.debug("publish completion failed for topic {}", message.topic(), error);
            outcome = PublishVerdict.reject(0x80, "processing failed");
          } else {
            outcome = verdict == null ? PublishVerdict.reject(0x80, "no verdict") : verdict;
          }
          if (ctx.executor().inEventLoop()) {
            decided(cc, pending, outcome);
            progress(ctx, cc);
          } else {
            ctx.executor().execute(() -> {
              decided(cc, pending, outcome);
              progress(ctx, cc);
            });
          }
        });
  }

  private static void decided(ConnectionContext cc, PendingPublish pending, PublishVerdict verdict) {
    pending.verdict = verdict;
    cc.intercepting--;
  }

  /** Acknowledges and routes (or refuses) one publish; false when the connection was closed. */
  private boolean settle(ChannelHandlerContext ctx, ConnectionContext cc, PendingPublish p) {
    Message message = p.message;
    int qos = message.qos();
    PublishVerdict verdict = p.verdict;
    if (verdict.accepted()) {
      services.broker().publish(message);
      metrics.publishAccepted();
      if (qos == 1) {
        cc.inboundQuotaUsed--;
        ctx.write(Packets.pubReply(MqttMessageType.PUBACK, p.packetId, 0, null, cc.v5));
      } else if (qos == 2) {
        cc.awaitingPubRel.add(p.packetId);
        ctx.write(Packets.pubReply(MqttMessageType.PUBREC, p.packetId, 0, null, cc.v5));
      }
      if (qos > 0) {
        metrics.publishToAck(System.nanoTime() - p.receivedNanos);
      }
      return true;
    }
    if (!p.aclDenied) {
      metrics.rejected(Rejection.PUBLISH_REJECTED);
    }
    if (qos == 0) {
      metrics.messageDropped("publish_rejected");
      return true;
    }
    cc.inboundQuotaUsed--;
    if (!cc.v5) {
      ctx.channel().close();
      return false;
    }
    MqttMessageType type = qos == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
    ctx.write(Packets.pubReply(type, p.packetId, verdict.reasonCode(), verdict.reason(), true));
    return true;
  }

  void onPubRel(ChannelHandlerContext ctx, ConnectionContext cc, int packetId) {
    boolean known = cc.awaitingPubRel.remove(packetId);
    if (known) {
      cc.inboundQuotaUsed--;
    }
    ctx.writeAndFlush(Packets.pubReply(MqttMessageType.PUBCOMP, packetId, known ? 0 : 0x92, null, cc.v5));
  }
}
