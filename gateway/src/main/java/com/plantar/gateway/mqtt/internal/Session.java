package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.metrics.GatewayMetrics;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The broker-side state of one client id: subscriptions, the bounded outbound queue, outbound
 * QoS 1/2 messages in flight, and the connection it is bound to (if any).
 *
 * <p>Threading: owned by exactly one {@link SessionLoop} (chosen by the client id's hash); every
 * method runs on that loop's thread, so nothing here is locked. Packets are written to the bound
 * channel from that thread (Netty queues them onto the channel's event loop in order).
 *
 * <p>Outbound flow control: QoS 1/2 messages are sent while fewer than {@link Link#sendQuota()}
 * await acknowledgement and the channel is writable (below its high water mark); everything else
 * waits in the queue, which holds at most {@code maxQueuedMessages}. When it is full, QoS 0
 * messages are dropped first (the new one, or else the oldest queued), then new QoS 1/2 messages;
 * every drop is counted.
 */
final class Session {

  private enum AwaitedAck {
    PUBACK,
    PUBREC,
    PUBCOMP
  }

  private static final class Inflight {
    final Delivery delivery;
    AwaitedAck awaiting;

    Inflight(Delivery delivery, AwaitedAck awaiting) {
      this.delivery = delivery;
      this.awaiting = awaiting;
    }
  }

  private final String clientId;
  private final int maxQueued;
  private final GatewayMetrics metrics;
  private final Map<String, Subscription> subscriptions = new HashMap<>();
  private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
  private final LinkedHashMap<Integer, Inflight> inflight = new LinkedHashMap<>();
  private int lastPacketId;
  private Link link;
  /** Who authenticated the connection bound now (the registry identity: device or hub id). */
  private String principal;
  private long expirySeconds;
  private Will will;
  private Set<Integer> inboundQos2 = Set.of();
  private ScheduledFuture<?> expiryTask;
  private ScheduledFuture<?> willTask;
  private Will delayedWill;

  Session(String clientId, int maxQueued, GatewayMetrics metrics) {
    this.clientId = clientId;
    this.maxQueued = maxQueued;
    this.metrics = metrics;
  }

  String clientId() {
    return clientId;
  }

  String principal() {
    return principal;
  }

  Link link() {
    return link;
  }

  long expirySeconds() {
    return expirySeconds;
  }

  Map<String, Subscription> subscriptions() {
    return subscriptions;
  }

  void bind(Link newLink, String newPrincipal, long newExpirySeconds, Will newWill) {
    cancelTimers();
    this.link = newLink;
    this.principal = newPrincipal;
    this.expirySeconds = newExpirySeconds;
    this.will = newWill;
  }

  void unbind() {
    this.link = null;
  }

  void setExpirySeconds(long seconds) {
    this.expirySeconds = seconds;
  }

  /** Takes the will away from the session (it is published or discarded exactly once). */
  Will takeWill() {
    Will taken = will;
    will = null;
    return taken;
  }

  /** Keeps the inbound QoS 2 packet ids awaiting PUBREL while the session has no connection. */
  void keepInboundQos2(Set<Integer> packetIds) {
    this.inboundQos2 = Set.copyOf(packetIds);
  }

  Set<Integer> takeInboundQos2() {
    Set<Integer> taken = inboundQos2;
    inboundQos2 = Set.of();
    return taken;
  }

  void setExpiryTask(ScheduledFuture<?> task) {
    this.expiryTask = task;
  }

  /** Remembers a will waiting out its delay, so that it can be cancelled or sent early. */
  void setDelayedWill(Will will, ScheduledFuture<?> task) {
    this.delayedWill = will;
    this.willTask = task;
  }

  /** Cancels a will still waiting out its delay and returns it (to send now), else null. */
  Will cancelDelayedWill() {
    Will pending = willTask != null && willTask.cancel(false) ? delayedWill : null;
    willTask = null;
    delayedWill = null;
    return pending;
  }

  void cancelTimers() {
    if (expiryTask != null) {
      expiryTask.cancel(false);
      expiryTask = null;
    }
    cancelDelayedWill();
  }

  /** Drops queued and in-flight messages; for a session that ends. */
  void clearMessages() {
    metrics.queuedChanged(-queue.size());
    metrics.inflightChanged(-inflight.size());
    queue.clear();
    inflight.clear();
  }

  /** Queues a message for this client and sends what flow control allows. */
  void enqueue(Delivery delivery) {
    if (queue.size() >= maxQueued && !makeRoomFor(delivery)) {
      return;
    }
    queue.add(delivery);
    metrics.queuedChanged(1);
    if (link != null) {
      drain();
    }
  }

  private boolean makeRoomFor(Delivery delivery) {
    if (delivery.qos() == 0) {
      metrics.messageDropped("queue_full_qos0");
      return false;
    }
    for (Iterator<Delivery> it = queue.iterator(); it.hasNext(); ) {
      if (it.next().qos() == 0) {
        it.remove();
        metrics.queuedChanged(-1);
        metrics.messageDropped("queue_full_qos0");
        return true;
      }
    }
    metrics.messageDropped("queue_full");
    return false;
  }

  /** Sends queued messages while the client's quota and the channel's write buffer allow. */
  void drain() {
    if (link == null) {
      return;
    }
    boolean wrote = false;
    long now = System.nanoTime();
    while (!queue.isEmpty()) {
      Delivery next = queue.peek();
      if (next.message().expired(now)) {
        queue.poll();
        metrics.queuedChanged(-1);
        metrics.messageDropped("expired");
        continue;
      }
      if (!link.isWritable() || (next.qos() > 0 && inflight.size() >= link.sendQuota())) {
        break;
      }
      queue.poll();
      metrics.queuedChanged(-1);
      wrote |= send(next, now);
    }
    if (wrote) {
      link.channel().flush();
    }
  }

  private boolean send(Delivery delivery, long now) {
    int packetId = delivery.qos() > 0 ? nextPacketId() : 0;
    if (!write(delivery, packetId, false, now)) {
      return false;
    }
    if (delivery.qos() > 0) {
      inflight.put(packetId, new Inflight(delivery, delivery.qos() == 1 ? AwaitedAck.PUBACK : AwaitedAck.PUBREC));
      metrics.inflightChanged(1);
    }
    return true;
  }

  private boolean write(Delivery delivery, int packetId, boolean dup, long now) {
    Message message = delivery.message();
    MqttProperties props = link.v5() ? outboundProperties(delivery, now) : MqttProperties.NO_PROPERTIES;
    if (estimatedSize(message, delivery.qos(), props) > link.maxPacketSize()) {
      // MQTT 5 §3.1.2.11.4: a message too large for the client is discarded as if delivered.
      metrics.messageDropped("too_large_for_client");
      return false;
    }
    link.channel()
        .write(
            Packets.publish(
                message.topic(), delivery.qos(), delivery.retain(), dup, packetId, props,
                Unpooled.wrappedBuffer(message.payload())));
    return true;
  }

  private static MqttProperties outboundProperties(Delivery delivery, long now) {
    Message message = delivery.message();
    if (message.forwarded().isEmpty()
        && delivery.subscriptionIds().length == 0
        && message.expiresAtNanos() == Message.NEVER) {
      return MqttProperties.NO_PROPERTIES;
    }
    MqttProperties props = new MqttProperties();
    for (MqttProperties.MqttProperty<?> property : message.forwarded()) {
      props.add(property);
    }
    for (int id : delivery.subscriptionIds()) {
      props.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER, id));
    }
    if (message.expiresAtNanos() != Message.NEVER) {
      props.add(
          new MqttProperties.IntegerProperty(
              MqttProperties.PUBLICATION_EXPIRY_INTERVAL, (int) message.remainingExpirySeconds(now)));
    }
    return props;
  }

  /** An upper bound of the encoded PUBLISH size, for the client's maximum packet size. */
  private static long estimatedSize(Message message, int qos, MqttProperties props) {
    long remaining = 2L + message.topic().getBytes(StandardCharsets.UTF_8).length + (qos > 0 ? 2 : 0);
    long propsLength = 0;
    for (MqttProperties.MqttProperty<?> property : props.listAll()) {
      Object value = property.value();
      if (value instanceof String s) {
        propsLength += 3 + s.getBytes(StandardCharsets.UTF_8).length;
      } else if (value instanceof byte[] b) {
        propsLength += 3 + b.length;
      } else if (property instanceof MqttProperties.UserProperties users) {
        for (MqttProperties.StringPair pair : users.value()) {
          propsLength += 5 + pair.key.length() * 3L + pair.value.length() * 3L;
        }
      } else {
        propsLength += 5;
      }
    }
    remaining += propsLength + 4 + message.payload().length;
    return 5 + remaining;
  }

  private int nextPacketId() {
    do {
      lastPacketId = lastPacketId == 0xFFFF ? 1 : lastPacketId + 1;
    } while (inflight.containsKey(lastPacketId));
    return lastPacketId;
  }

  /** After CONNECT of a resumed session: re-send unacknowledged PUBLISH (DUP) and PUBREL. */
  void resendInflight() {
    long now = System.nanoTime();
    for (Map.Entry<Integer, Inflight> entry : inflight.entrySet()) {
      Inflight flight = entry.getValue();
      if (flight.awaiting == AwaitedAck.PUBCOMP) {
        link.channel().write(Packets.pubReply(MqttMessageType.PUBREL, entry.getKey(), 0, null, link.v5()));
      } else {
        write(flight.delivery, entry.getKey(), true, now);
      }
    }
  }

  void onPubAck(int packetId) {
    Inflight flight = inflight.get(packetId);
    if (flight != null && flight.awaiting == AwaitedAck.PUBACK) {
      inflight.remove(packetId);
      metrics.inflightChanged(-1);
      drain();
    }
  }

  void onPubRec(int packetId, int reasonCode) {
    Inflight flight = inflight.get(packetId);
    if (flight == null || flight.awaiting == AwaitedAck.PUBACK) {
      if (link != null) {
        link.channel().writeAndFlush(Packets.pubReply(MqttMessageType.PUBREL, packetId, 0x92, null, link.v5()));
      }
      return;
    }
    if (reasonCode >= 0x80) {
      inflight.remove(packetId);
      metrics.inflightChanged(-1);
      drain();
      return;
    }
    flight.awaiting = AwaitedAck.PUBCOMP;
    if (link != null) {
      link.channel().writeAndFlush(Packets.pubReply(MqttMessageType.PUBREL, packetId, 0, null, link.v5()));
    }
  }

  void onPubComp(int packetId) {
    Inflight flight = inflight.get(packetId);
    if (flight != null && flight.awaiting == AwaitedAck.PUBCOMP) {
      inflight.remove(packetId);
      metrics.inflightChanged(-1);
      drain();
    }
  }
}
