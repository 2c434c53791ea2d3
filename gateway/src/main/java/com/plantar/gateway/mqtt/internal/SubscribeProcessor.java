package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.metrics.GatewayMetrics;
import com.plantar.gateway.metrics.Rejection;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIBE and UNSUBSCRIBE: validates filters and asks the ACL on the event loop, then lets the
 * session loop change the subscriptions, answer SUBACK/UNSUBACK and send retained messages.
 * Stateless; runs on the channel's event loop.
 */
final class SubscribeProcessor {

  private static final int V3_FAILURE = 0x80;
  private static final int TOPIC_FILTER_INVALID = 0x8F;
  private static final int NOT_AUTHORIZED = 0x87;

  private final BrokerServices services;
  private final GatewayMetrics metrics;

  SubscribeProcessor(BrokerServices services) {
    this.services = services;
    this.metrics = services.metrics();
  }

  void onSubscribe(ChannelHandlerContext ctx, ConnectionContext cc, MqttSubscribeMessage subscribe) {
    List<MqttTopicSubscription> topics = subscribe.payload().topicSubscriptions();
    if (topics.isEmpty()) {
      Closer.close(ctx.channel(), cc, metrics, Rejection.PROTOCOL_ERROR, 0x82, "SUBSCRIBE without topic filters");
      return;
    }
    int subscriptionId = 0;
    if (cc.v5 && subscribe.variableHeader() instanceof MqttMessageIdAndPropertiesVariableHeader header) {
      MqttProperties.MqttProperty<?> id = header.properties().getProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER);
      if (id != null) {
        subscriptionId = (Integer) id.value();
        if (subscriptionId == 0) {
          Closer.close(ctx.channel(), cc, metrics, Rejection.PROTOCOL_ERROR, 0x82, "subscription identifier 0");
          return;
        }
      }
    }
    List<SessionLoop.SubscribeRequest> requests = new ArrayList<>(topics.size());
    for (MqttTopicSubscription topic : topics) {
      String raw = topic.topicFilter();
      MqttSubscriptionOption option = topic.option();
      String filter = raw;
      String group = null;
      if (Topics.isShared(raw)) {
        Topics.SharedFilter shared = Topics.parseShared(raw);
        if (shared == null) {
          metrics.rejected(Rejection.TOPIC_FILTER_INVALID);
          requests.add(refused(cc, TOPIC_FILTER_INVALID));
          continue;
        }
        if (cc.v5 && option.isNoLocal()) {
          Closer.close(ctx.channel(), cc, metrics, Rejection.PROTOCOL_ERROR, 0x82, "no-local on a shared subscription");
          return;
        }
        filter = shared.filter();
        group = shared.group();
      } else if (!Topics.isValidFilter(raw)) {
        metrics.rejected(Rejection.TOPIC_FILTER_INVALID);
        requests.add(refused(cc, TOPIC_FILTER_INVALID));
        continue;
      }
      if (!services.security().maySubscribe(cc.identity, filter)) {
        metrics.aclDenied("subscribe");
        if (cc.denials.record(System.nanoTime())) {
          Closer.close(ctx.channel(), cc, metrics, Rejection.NOT_AUTHORIZED, 0x87, "repeated unauthorized requests");
          return;
        }
        requests.add(refused(cc, NOT_AUTHORIZED));
        continue;
      }
      requests.add(
          new SessionLoop.SubscribeRequest(
              new Subscription(
                  cc.clientId,
                  filter,
                  group,
                  Math.min(option.qos().value(), 2),
                  cc.v5 && option.isNoLocal(),
                  cc.v5 && option.isRetainAsPublished(),
                  cc.v5 ? option.retainHandling().value() : 0,
                  subscriptionId),
              0));
    }
    SessionLoop loop = cc.loop;
    Link link = cc.link;
    String clientId = cc.clientId;
    int packetId = subscribe.variableHeader().messageId();
    loop.execute(() -> loop.subscribe(clientId, link, packetId, requests));
  }

  private static SessionLoop.SubscribeRequest refused(ConnectionContext cc, int v5Code) {
    return new SessionLoop.SubscribeRequest(null, cc.v5 ? v5Code : V3_FAILURE);
  }

  void onUnsubscribe(ChannelHandlerContext ctx, ConnectionContext cc, MqttUnsubscribeMessage unsubscribe) {
    List<String> filters = List.copyOf(unsubscribe.payload().topics());
    if (filters.isEmpty()) {
      Closer.close(ctx.channel(), cc, metrics, Rejection.PROTOCOL_ERROR, 0x82, "UNSUBSCRIBE without topic filters");
      return;
    }
    SessionLoop loop = cc.loop;
    Link link = cc.link;
    String clientId = cc.clientId;
    int packetId = unsubscribe.variableHeader().messageId();
    loop.execute(() -> loop.unsubscribe(clientId, link, packetId, filters));
  }
}
