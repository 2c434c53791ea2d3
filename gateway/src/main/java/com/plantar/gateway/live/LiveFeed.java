package com.plantar.gateway.live;

import com.plantar.gait.FootSide;
import com.plantar.gateway.processing.InsoleDescription;
import com.plantar.gateway.processing.LiveTap;
import com.plantar.gateway.processing.WearerRef;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The live view's fan-out. In single-node mode processing hands it every sample of watched wearers
 * ({@link LiveTap}, on the wearer's processing shard); a {@link LiveSampler} per wearer makes a
 * {@link LiveFrame} every 50 ms of sample time into the wearer's bounded drop-oldest {@link
 * WearerChannel}; SSE connections read from there on their event loops. It also keeps each wearer's
 * insole layouts from their HELLOs. In cluster mode the wearer is processed on another instance: the
 * feed tells its {@link Demand} which wearers it wants, and the frames and layouts made there arrive
 * through {@link #publish} and {@link #learnLayouts} (SCALING.md, "live view").
 *
 * <p>Threads: {@link #onHello} and {@link #onPressure} run on the processing shard that owns the
 * wearer (the owner of each wearer's state), {@link #publish} on the one relay thread (cluster mode:
 * the two never feed the same instance); {@link #watch}, {@link #layouts} on any thread. For a
 * wearer nobody watches, the per-sample cost is one map look-up (no allocation); for a watched one,
 * a copy of the sample and 20 small frames a second.
 */
public final class LiveFeed implements LiveTap {
  private static final InsoleLayout[] NO_LAYOUTS = new InsoleLayout[2];

  /** Where frames and layouts this instance does not make itself come from; told what is wanted. */
  public interface Demand {
    Demand NONE = wearer -> {};

    /** Someone here wants this wearer's live frames or layouts now; called on any thread, must not block. */
    void want(WearerRef wearer);
  }

  private final Map<WearerRef, WearerChannel> channels = new ConcurrentHashMap<>();
  private final Map<WearerRef, InsoleLayout[]> layouts = new ConcurrentHashMap<>();
  /** Notified when layouts are learnt from elsewhere: layout requests wait on it (cluster mode). */
  private final Object learnt = new Object();
  private final Demand demand;

  /** A feed that makes its frames from processing on this instance (single-node mode). */
  public LiveFeed() {
    this(Demand.NONE);
  }

  /** A feed whose frames and layouts are made elsewhere and asked for through {@code demand}. */
  public LiveFeed(Demand demand) {
    this.demand = demand;
  }

  @Override
  public void onHello(WearerRef wearer, long deviceId, InsoleDescription description, String helloJson,
      long receivedUtcUs) {
    InsoleLayout[] feet = layouts.computeIfAbsent(wearer, w -> new InsoleLayout[2]);
    // Replaced whole: readers see the old or the new array, never a half-written one.
    InsoleLayout[] updated = feet.clone();
    updated[description.side().ordinal()] = InsoleLayout.of(description);
    layouts.put(wearer, updated);
  }

  @Override
  public boolean watching(WearerRef wearer) {
    WearerChannel channel = channels.get(wearer);
    return channel != null && channel.watchers.get() > 0;
  }

  @Override
  public void onPressure(WearerRef wearer, FootSide foot, long utcUs, float[] kpa) {
    WearerChannel channel = channels.get(wearer);
    if (channel != null) {
      LiveFrame frame = channel.sampler.sample(foot, utcUs, kpa, layouts.getOrDefault(wearer, NO_LAYOUTS));
      if (frame != null) {
        channel.publish(frame);
      }
    }
  }

  /** A frame made on the instance that processes the wearer (cluster mode); the relay thread only. */
  public void publish(WearerRef wearer, LiveFrame frame) {
    WearerChannel channel = channels.get(wearer);
    if (channel != null) {
      channel.publish(frame);
    }
  }

  /** Layouts learnt from the instance that processes the wearer (cluster mode); index 0 left, 1 right. */
  public void learnLayouts(WearerRef wearer, InsoleLayout[] feet) {
    layouts.put(wearer, feet.clone());
    synchronized (learnt) {
      learnt.notifyAll();
    }
  }

  /** Each foot's layout (index 0 left, 1 right; null when no HELLO yet). */
  public InsoleLayout[] layouts(WearerRef wearer) {
    return layouts.getOrDefault(wearer, NO_LAYOUTS).clone();
  }

  /**
   * As {@link #layouts(WearerRef)}; when this instance has not learnt them, asks for them and waits
   * up to {@code wait} for the answer (cluster mode). Blocks: call it on a worker thread.
   */
  public InsoleLayout[] layouts(WearerRef wearer, Duration wait) throws InterruptedException {
    if (demand != Demand.NONE && !layouts.containsKey(wearer)) {
      demand.want(wearer);
      long deadline = System.nanoTime() + wait.toNanos();
      synchronized (learnt) {
        for (long left = wait.toNanos(); !layouts.containsKey(wearer) && left > 0;
            left = deadline - System.nanoTime()) {
          TimeUnit.NANOSECONDS.timedWait(learnt, left);
        }
      }
    }
    return layouts(wearer);
  }

  /** Starts watching a wearer; close the subscription to stop. */
  public Subscription watch(WearerRef wearer) {
    WearerChannel channel = channels.computeIfAbsent(wearer, w -> new WearerChannel());
    channel.watchers.incrementAndGet();
    demand.want(wearer);
    return new Subscription(channel);
  }

  /** The wearers someone watches now (cluster mode renews their leases from this). */
  public Set<WearerRef> watched() {
    return channels.entrySet().stream().filter(e -> e.getValue().watchers.get() > 0).map(Map.Entry::getKey)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** One reader of a wearer's frames: polls from the event loop, keeps its own position. Not thread-safe. */
  public static final class Subscription implements AutoCloseable {
    private final WearerChannel channel;
    private long next;
    private boolean closed;

    private Subscription(WearerChannel channel) {
      this.channel = channel;
      this.next = channel.published() + 1;
    }

    /**
     * The next frame, skipping any that were overwritten; when more than {@code maxBehind} are waiting
     * the older ones are dropped (a live view shows now, not a backlog).
     */
    public Optional<LiveFrame> poll(int maxBehind) {
      long newest = channel.published();
      if (newest - next >= maxBehind) {
        next = newest - maxBehind + 1;
      }
      while (next <= newest) {
        LiveFrame frame = channel.frame(next++);
        if (frame != null) {
          return Optional.of(frame);
        }
      }
      return Optional.empty();
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        channel.watchers.decrementAndGet();
      }
    }
  }
}
