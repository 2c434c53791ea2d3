package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.config.MqttConfig;
import com.plantar.gateway.metrics.GatewayMetrics;
import io.netty.channel.Channel;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import com.plantar.gateway.mqtt.InboundPublish;
import com.plantar.gateway.mqtt.InterceptorBinding;
import com.plantar.gateway.mqtt.PublishInterceptor;
import io.netty.handler.codec.mqtt.MqttProperties;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session loops and how work finds them: a client id is pinned to one loop by {@code
 * Math.floorMod(clientId.hashCode(), loops)}, a shared group to one loop by the hash of group and
 * filter, and a published message goes to every loop. Immutable after construction; its methods may
 * be called from any thread.
 */
public final class Broker {

  private static final Logger log = LoggerFactory.getLogger(Broker.class);

  private final SessionLoop[] loops;
  private final InterceptorBindings interceptors;
  private final GatewayMetrics metrics;

  public Broker(MqttConfig config, GatewayMetrics metrics, List<InterceptorBinding> interceptors) {
    this.interceptors = new InterceptorBindings(interceptors);
    this.metrics = metrics;
    int count = config.effectiveSessionLoops();
    this.loops = new SessionLoop[count];
    DefaultThreadFactory threads = new DefaultThreadFactory("plantar-session", true);
    for (int i = 0; i < count; i++) {
      EventExecutor executor = new DefaultEventExecutor(threads);
      loops[i] =
          new SessionLoop(i, executor, this, metrics, config.maxQueuedMessages(), config.maxSubscriptionsPerClient());
    }
  }

  /** The interceptor bindings, shared with the connection handlers. */
  InterceptorBindings interceptors() {
    return interceptors;
  }

  SessionLoop loopFor(String clientId) {
    return loops[Math.floorMod(clientId.hashCode(), loops.length)];
  }

  SessionLoop sharedOwner(String group, String filter) {
    return loops[Math.floorMod((group + '/' + filter).hashCode(), loops.length)];
  }

  /** Routes a message to every loop; each delivers to its own matching sessions. */
  void publish(Message message) {
    for (SessionLoop loop : loops) {
      loop.execute(() -> loop.route(message));
    }
  }

  /**
   * Publishes a will: through the interceptor bound to its topic (routed only if accepted; there is
   * no acknowledgement to send), else directly.
   */
  void publishWill(Will will) {
    Message message = will.message();
    PublishInterceptor interceptor = interceptors.interceptorFor(message.topic());
    if (interceptor == null) {
      publish(message);
      return;
    }
    try {
      interceptor
          .intercept(
              new InboundPublish(
                  will.client(), message.topic(), message.qos(), message.retain(),
                  ByteBuffer.wrap(message.payload()).asReadOnlyBuffer(), System.nanoTime()))
          .whenComplete(
              (verdict, error) -> {
                if (error == null && verdict != null && verdict.accepted()) {
                  publish(message);
                } else {
                  metrics.messageDropped("will_rejected");
                }
              });
    } catch (RuntimeException e) {
      log.warn("publish interceptor threw for the will on {}", message.topic(), e);
      metrics.messageDropped("will_rejected");
    }
  }

  /**
   * Publishes a message that the gateway itself originates (ACK frames, commands, responses) to
   * every matching subscriber. Callable from any thread; never blocks.
   */
  public void publishFromServer(
      String topic, byte[] payload, int qos, boolean retain, List<MqttProperties.MqttProperty<?>> properties) {
    publish(serverMessage(topic, payload, qos, retain, properties));
  }

  private static Message serverMessage(
      String topic, byte[] payload, int qos, boolean retain, List<MqttProperties.MqttProperty<?>> properties) {
    return new Message(topic, payload.clone(), qos, retain, null, List.copyOf(properties), Message.NEVER);
  }

  /**
   * As {@link #publishFromServer}, and tells to how many sessions it was queued once every loop has
   * routed it.
   */
  public CompletableFuture<Integer> publishFromServerCounted(
      String topic, byte[] payload, int qos, List<MqttProperties.MqttProperty<?>> properties) {
    Message message = serverMessage(topic, payload, qos, false, properties);
    CompletableFuture<Integer> counted = new CompletableFuture<>();
    AtomicInteger queued = new AtomicInteger();
    AtomicInteger loopsLeft = new AtomicInteger(loops.length);
    for (SessionLoop loop : loops) {
      loop.execute(() -> {
        try {
          queued.addAndGet(loop.route(message));
        } finally {
          if (loopsLeft.decrementAndGet() == 0) {
            counted.complete(queued.get());
          }
        }
      });
    }
    return counted;
  }

  /** The principals of the connected clients (each loop adds its own; waits at most the timeout). */
  public List<String> connectedPrincipals(long timeoutMillis) throws InterruptedException {
    List<String> principals = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(loops.length);
    for (SessionLoop loop : loops) {
      loop.execute(
          () -> {
            List<String> own = new ArrayList<>();
            try {
              loop.connectedPrincipals(own);
            } finally {
              principals.addAll(own);
              done.countDown();
            }
          });
    }
    done.await(timeoutMillis, TimeUnit.MILLISECONDS);
    return List.copyOf(principals);
  }

  /** Ends the connections of these principals (on their loops; returns at once). */
  public void disconnectPrincipals(Set<String> principals) {
    Set<String> copy = Set.copyOf(principals);
    for (SessionLoop loop : loops) {
      loop.execute(() -> loop.disconnectPrincipals(copy));
    }
  }

  /** Sends every connected client a v5 DISCONNECT 0x8B (v3: close) and waits for the loops. */
  public void disconnectAll(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    CountDownLatch done = new CountDownLatch(loops.length);
    List<Channel> closing = new CopyOnWriteArrayList<>();
    for (SessionLoop loop : loops) {
      loop.execute(
          () -> {
            try {
              loop.shutdownConnections(closing);
            } finally {
              done.countDown();
            }
          });
    }
    done.await(timeoutMillis, TimeUnit.MILLISECONDS);
    for (Channel channel : closing) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !channel.closeFuture().await(left, TimeUnit.NANOSECONDS)) {
        return;
      }
    }
  }

  /** Stops the session loops after their queued work. */
  public void shutdown() {
    List<Future<?>> terminations = new ArrayList<>(loops.length);
    for (SessionLoop loop : loops) {
      terminations.add(loop.executor().shutdownGracefully(0, 2, TimeUnit.SECONDS));
    }
    for (Future<?> termination : terminations) {
      termination.awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }
}
