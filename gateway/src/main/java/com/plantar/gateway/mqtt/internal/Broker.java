package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.config.MqttConfig;
import com.plantar.gateway.metrics.GatewayMetrics;
import io.netty.channel.Channel;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The session loops and how work finds them: a client id is pinned to one loop by {@code
 * Math.floorMod(clientId.hashCode(), loops)}, a shared group to one loop by the hash of group and
 * filter, and a published message goes to every loop. Immutable after construction; its methods may
 * be called from any thread.
 */
public final class Broker {

  private final SessionLoop[] loops;

  public Broker(MqttConfig config, GatewayMetrics metrics) {
    int count = config.effectiveSessionLoops();
    this.loops = new SessionLoop[count];
    DefaultThreadFactory threads = new DefaultThreadFactory("plantar-session", true);
    for (int i = 0; i < count; i++) {
      EventExecutor executor = new DefaultEventExecutor(threads);
      loops[i] =
          new SessionLoop(i, executor, this, metrics, config.maxQueuedMessages(), config.maxSubscriptionsPerClient());
    }
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
