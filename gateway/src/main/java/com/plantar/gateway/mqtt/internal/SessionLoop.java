package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.metrics.GatewayMetrics;
import com.plantar.gateway.metrics.Rejection;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One single-threaded session loop: it owns the sessions whose client ids hash to it, a topic trie
 * of their (non-shared) subscriptions, the shared groups assigned to it, and a replica of the
 * retained messages. Every publish is fanned out to every loop ({@link Broker#publish}), so each
 * loop matches it against its own trie and delivers to its own sessions in the order publishes
 * reached it; no state is shared between loops and nothing is locked.
 *
 * <p>Threading: every method except {@link #execute} must run on {@link #executor()}; they assert
 * it. Other threads submit work with {@link #execute}.
 */
final class SessionLoop {

  /** A CONNECT the security port accepted, handed from the event loop to the session loop. */
  record Attach(
      String clientId,
      String principal,
      Link link,
      boolean cleanStart,
      long expirySeconds,
      Will will,
      MqttProperties connAckProperties,
      Consumer<Set<Integer>> onAttached) {}

  private static final int MANY_TARGETS = 64;

  private final int index;
  private final EventExecutor executor;
  private final Broker broker;
  private final GatewayMetrics metrics;
  private final int maxQueued;
  private final int maxSubscriptions;
  private final Map<String, Session> sessions = new HashMap<>();
  private final TopicTrie<Subscription> subscriptions = new TopicTrie<>();
  private final TopicTrie<SharedGroup> sharedGroups = new TopicTrie<>();
  private final RetainedMessages retained = new RetainedMessages();
  /** The message {@link #route} is matching, null between routes; read by its visitors. */
  private Message routing;
  /** The deliveries {@link #route} gathers per client; empty between routes. */
  private Map<String, Target> targets = new HashMap<>();
  private final BiConsumer<String, Subscription> collectTarget = this::collectTarget;
  private final BiConsumer<String, SharedGroup> routeToGroup = this::routeToGroup;

  SessionLoop(int index, EventExecutor executor, Broker broker, GatewayMetrics metrics, int maxQueued, int maxSubscriptions) {
    this.index = index;
    this.executor = executor;
    this.broker = broker;
    this.metrics = metrics;
    this.maxQueued = maxQueued;
    this.maxSubscriptions = maxSubscriptions;
  }

  int index() {
    return index;
  }

  EventExecutor executor() {
    return executor;
  }

  void execute(Runnable task) {
    executor.execute(task);
  }

  private void checkThread() {
    assert executor.inEventLoop() : "session state touched off its session loop " + index;
  }

  // ---- connection lifecycle ----

  void attach(Attach attach) {
    checkThread();
    Session existing = sessions.get(attach.clientId());
    if (existing != null && existing.link() != null) {
      Link old = existing.link();
      metrics.rejected(Rejection.SESSION_TAKEN_OVER);
      if (old.v5()) {
        old.channel()
            .writeAndFlush(Packets.disconnect(0x8E, "session taken over"))
            .addListener(ChannelFutureListener.CLOSE);
      } else {
        old.channel().close();
      }
      detach(existing, true);
    }
    boolean sessionPresent = false;
    Session session = sessions.get(attach.clientId());
    if (session != null && !attach.cleanStart()) {
      sessionPresent = true;
    } else {
      if (session != null) {
        discard(session);
      }
      session = new Session(attach.clientId(), maxQueued, metrics);
      sessions.put(attach.clientId(), session);
    }
    Set<Integer> inboundQos2 = sessionPresent ? session.takeInboundQos2() : Set.of();
    session.bind(attach.link(), attach.principal(), attach.expirySeconds(), attach.will());
    attach.link()
        .channel()
        .write(Packets.connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, sessionPresent, attach.connAckProperties()));
    session.resendInflight();
    session.drain();
    attach.link().channel().flush();
    attach.link().channel().eventLoop().execute(() -> attach.onAttached().accept(inboundQos2));
    if (!attach.link().isActive()) {
      // The client left while we were attaching; its channelInactive may have been processed
      // before this attach, so handle the loss here (a repeated loss is ignored).
      connectionLost(attach.clientId(), attach.link(), true, null, inboundQos2);
    }
  }

  /**
   * The connection of a session ended.
   *
   * @param publishWill false after a normal DISCONNECT (reason 0x00)
   * @param newExpirySeconds a session expiry from the v5 DISCONNECT, or {@code null}
   * @param inboundQos2 packet ids of inbound QoS 2 publishes that got PUBREC but no PUBREL yet;
   *     handed back to the next connection of a resumed session, so that a re-sent PUBLISH is not
   *     delivered twice
   */
  void connectionLost(
      String clientId, Link link, boolean publishWill, Long newExpirySeconds, Set<Integer> inboundQos2) {
    checkThread();
    Session session = sessions.get(clientId);
    if (session == null || session.link() != link) {
      return;
    }
    if (newExpirySeconds != null) {
      session.setExpirySeconds(newExpirySeconds);
    }
    session.keepInboundQos2(inboundQos2);
    if (!publishWill) {
      session.takeWill();
    }
    detach(session, publishWill);
  }

  private void detach(Session session, boolean publishWill) {
    session.unbind();
    Will will = session.takeWill();
    long expiry = session.expirySeconds();
    if (publishWill && will != null) {
      long delay = Math.min(will.delaySeconds(), expiry);
      if (delay == 0) {
        broker.publishWill(will);
      } else {
        session.setDelayedWill(
            will, executor.schedule(() -> broker.publishWill(will), delay, TimeUnit.SECONDS));
      }
    }
    if (expiry == 0) {
      discard(session);
    } else {
      session.setExpiryTask(
          executor.schedule(
              () -> {
                if (sessions.get(session.clientId()) == session && session.link() == null) {
                  discard(session);
                }
              },
              expiry,
              TimeUnit.SECONDS));
    }
  }

  private void discard(Session session) {
    Will dueAtSessionEnd = session.cancelDelayedWill();
    if (dueAtSessionEnd != null) {
      // MQTT 5 §3.1.3.2.2: the will is sent when the delay elapses or the session ends, if earlier.
      broker.publishWill(dueAtSessionEnd);
    }
    session.cancelTimers();
    for (Subscription sub : session.subscriptions().values()) {
      removeFromIndex(sub);
    }
    session.subscriptions().clear();
    session.clearMessages();
    sessions.remove(session.clientId(), session);
  }

  /**
   * Closes every connection bound to this loop with a v5 DISCONNECT "server shutting down" and
   * adds their channels to {@code closing}.
   */
  /** Adds the principal of every connected session of this loop to {@code into}. */
  void connectedPrincipals(Collection<String> into) {
    checkThread();
    for (Session session : sessions.values()) {
      if (session.link() != null) {
        into.add(session.principal());
      }
    }
  }

  /**
   * Ends the connections of the sessions whose principal is in {@code principals} (their identity was
   * revoked): v5 DISCONNECT 0x98 "administrative action", v3 a close. The sessions themselves stay
   * until they expire, as after any lost connection; the identity cannot connect again.
   */
  void disconnectPrincipals(Set<String> principals) {
    checkThread();
    for (Session session : sessions.values()) {
      Link link = session.link();
      if (link != null && principals.contains(session.principal())) {
        metrics.rejected(Rejection.IDENTITY_REVOKED);
        if (link.v5()) {
          link.channel()
              .writeAndFlush(Packets.disconnect(0x98, "identity revoked"))
              .addListener(ChannelFutureListener.CLOSE);
        } else {
          link.channel().close();
        }
      }
    }
  }

  void shutdownConnections(List<io.netty.channel.Channel> closing) {
    checkThread();
    for (Session session : sessions.values()) {
      Link link = session.link();
      if (link != null) {
        closing.add(link.channel());
        metrics.rejected(Rejection.SERVER_SHUTTING_DOWN);
        if (link.v5()) {
          link.channel()
              .writeAndFlush(Packets.disconnect(0x8B, "server shutting down"))
              .addListener(ChannelFutureListener.CLOSE);
        } else {
          link.channel().close();
        }
      }
    }
  }

  // ---- subscriptions ----

  /** One requested subscription, already validated and authorised on the event loop. */
  record SubscribeRequest(Subscription subscription, int refusedCode) {}

  void subscribe(String clientId, Link link, int packetId, List<SubscribeRequest> requests) {
    checkThread();
    Session session = sessions.get(clientId);
    if (session == null || session.link() != link) {
      return;
    }
    List<Integer> codes = new ArrayList<>(requests.size());
    List<Subscription> sendRetained = new ArrayList<>(1);
    for (SubscribeRequest request : requests) {
      if (request.refusedCode() != 0) {
        codes.add(request.refusedCode());
        continue;
      }
      Subscription sub = request.subscription();
      String key = sub.sessionKey();
      Subscription previous = session.subscriptions().get(key);
      if (previous == null && session.subscriptions().size() >= maxSubscriptions) {
        metrics.rejected(Rejection.TOO_MANY_SUBSCRIPTIONS);
        if (link.v5()) {
          link.channel()
              .writeAndFlush(Packets.disconnect(0x97, "too many subscriptions"))
              .addListener(ChannelFutureListener.CLOSE);
        } else {
          link.channel().close();
        }
        return;
      }
      session.subscriptions().put(key, sub);
      addToIndex(sub);
      codes.add(sub.qos());
      boolean wantsRetained =
          sub.retainHandling() == 0 || (sub.retainHandling() == 1 && previous == null);
      if (sub.shareGroup() == null && wantsRetained) {
        sendRetained.add(sub);
      }
    }
    link.channel().write(Packets.subAck(packetId, codes));
    long now = System.nanoTime();
    for (Subscription sub : sendRetained) {
      int[] ids = sub.subscriptionId() == 0 ? Delivery.NO_IDS : new int[] {sub.subscriptionId()};
      for (Message message : retained.matching(sub.filter(), now)) {
        session.enqueue(new Delivery(message, Math.min(message.qos(), sub.qos()), true, ids));
      }
    }
    link.channel().flush();
  }

  void unsubscribe(String clientId, Link link, int packetId, List<String> filters) {
    checkThread();
    Session session = sessions.get(clientId);
    if (session == null || session.link() != link) {
      return;
    }
    List<Short> codes = new ArrayList<>(filters.size());
    for (String filter : filters) {
      Subscription removed = session.subscriptions().remove(filter);
      if (removed != null) {
        removeFromIndex(removed);
      }
      codes.add(removed != null ? (short) 0x00 : (short) 0x11);
    }
    link.channel().writeAndFlush(Packets.unsubAck(packetId, codes, link.v5()));
  }

  private void addToIndex(Subscription sub) {
    if (sub.shareGroup() == null) {
      subscriptions.put(sub.filter(), sub.clientId(), sub);
    } else {
      SessionLoop owner = broker.sharedOwner(sub.shareGroup(), sub.filter());
      SharedGroup.Member member = new SharedGroup.Member(sub, this);
      owner.execute(() -> owner.joinShared(member));
    }
  }

  private void removeFromIndex(Subscription sub) {
    if (sub.shareGroup() == null) {
      subscriptions.remove(sub.filter(), sub.clientId());
    } else {
      SessionLoop owner = broker.sharedOwner(sub.shareGroup(), sub.filter());
      owner.execute(() -> owner.leaveShared(sub));
    }
  }

  private void joinShared(SharedGroup.Member member) {
    checkThread();
    Subscription sub = member.subscription();
    SharedGroup group = sharedGroups.get(sub.filter(), sub.shareGroup());
    if (group == null) {
      group = new SharedGroup();
      sharedGroups.put(sub.filter(), sub.shareGroup(), group);
    }
    group.join(member);
  }

  private void leaveShared(Subscription sub) {
    checkThread();
    SharedGroup group = sharedGroups.get(sub.filter(), sub.shareGroup());
    if (group != null) {
      group.leave(sub.clientId());
      if (group.isEmpty()) {
        sharedGroups.remove(sub.filter(), sub.shareGroup());
      }
    }
  }

  // ---- message flow ----

  /** Accumulates overlapping subscriptions of one client into a single delivery. */
  private static final class Target {
    int qos = -1;
    boolean retain;
    int[] ids = Delivery.NO_IDS;
  }

  /**
   * Routes a published message: update the retained replica, deliver to matching sessions. Returns
   * to how many of this loop's sessions it was queued (shared subscriptions not counted).
   */
  int route(Message message) {
    checkThread();
    if (message.retain()) {
      retained.store(message);
    }
    // Every publish reaches every loop, most often without a subscriber here: matching must not
    // allocate, so the visitors are fields and read the message being routed from a field.
    assert routing == null : "route re-entered on session loop " + index;
    routing = message;
    int queued = 0;
    try {
      subscriptions.match(message.topic(), collectTarget);
      if (!targets.isEmpty()) {
        for (Map.Entry<String, Target> entry : targets.entrySet()) {
          Session session = sessions.get(entry.getKey());
          if (session != null) {
            Target target = entry.getValue();
            session.enqueue(new Delivery(message, target.qos, target.retain, target.ids));
            queued++;
          }
        }
      }
      sharedGroups.match(message.topic(), routeToGroup);
    } finally {
      routing = null;
      if (targets.size() > MANY_TARGETS) {
        targets = new HashMap<>(); // clear() would keep a broadcast's table, and sweep it each time
      } else {
        targets.clear();
      }
    }
    return queued;
  }

  /** One matching subscription of {@link #routing}: merged into its client's delivery. */
  private void collectTarget(String clientId, Subscription sub) {
    Message message = routing;
    if (sub.noLocal() && clientId.equals(message.publisherId())) {
      return;
    }
    Target target = targets.computeIfAbsent(clientId, c -> new Target());
    target.qos = Math.max(target.qos, Math.min(message.qos(), sub.qos()));
    target.retain |= sub.retainAsPublished() && message.retain();
    if (sub.subscriptionId() != 0) {
      int[] ids = java.util.Arrays.copyOf(target.ids, target.ids.length + 1);
      ids[ids.length - 1] = sub.subscriptionId();
      target.ids = ids;
    }
  }

  /** One shared group matching {@link #routing}: its next member's loop delivers it. */
  private void routeToGroup(String group, SharedGroup shared) {
    Message message = routing;
    SharedGroup.Member member = shared.next();
    SessionLoop memberLoop = member.loop();
    memberLoop.execute(() -> memberLoop.deliverShared(member.subscription(), message));
  }

  private void deliverShared(Subscription sub, Message message) {
    checkThread();
    Session session = sessions.get(sub.clientId());
    if (session == null || session.subscriptions().get(sub.sessionKey()) == null) {
      metrics.messageDropped("shared_member_gone");
      return;
    }
    int[] ids = sub.subscriptionId() == 0 ? Delivery.NO_IDS : new int[] {sub.subscriptionId()};
    session.enqueue(
        new Delivery(message, Math.min(message.qos(), sub.qos()), sub.retainAsPublished() && message.retain(), ids));
  }

  // ---- acknowledgements and flow control from the client ----

  void onPubAck(String clientId, Link link, int packetId) {
    Session session = boundSession(clientId, link);
    if (session != null) {
      session.onPubAck(packetId);
    }
  }

  void onPubRec(String clientId, Link link, int packetId, int reasonCode) {
    Session session = boundSession(clientId, link);
    if (session != null) {
      session.onPubRec(packetId, reasonCode);
    }
  }

  void onPubComp(String clientId, Link link, int packetId) {
    Session session = boundSession(clientId, link);
    if (session != null) {
      session.onPubComp(packetId);
    }
  }

  void onWritable(String clientId, Link link) {
    Session session = boundSession(clientId, link);
    if (session != null) {
      session.drain();
    }
  }

  private Session boundSession(String clientId, Link link) {
    checkThread();
    Session session = sessions.get(clientId);
    return session != null && session.link() == link ? session : null;
  }
}
