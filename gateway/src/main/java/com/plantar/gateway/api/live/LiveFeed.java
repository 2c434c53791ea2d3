package com.plantar.gateway.api.live;

import com.plantar.gait.FootSide;
import com.plantar.gateway.processing.InsoleDescription;
import com.plantar.gateway.processing.LiveTap;
import com.plantar.gateway.processing.WearerRef;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live view's fan-out: processing hands it every sample of watched wearers ({@link LiveTap}, on
 * the wearer's processing shard), it keeps each foot's latest sample and publishes a
 * {@link LiveFrame} every 50 ms of sample time into the wearer's bounded drop-oldest {@link WearerChannel}; SSE connections read
 * from there on their event loops. It also keeps each wearer's insole layouts from their HELLOs.
 *
 * <p>Threads: {@link #onHello} and {@link #onPressure} run on the processing shard that owns the
 * wearer (the owner of each wearer's state); {@link #watch}, {@link #layouts} on any thread. For a wearer nobody watches, the
 * per-sample cost is one map look-up (no allocation); for a watched one, a copy of the sample and 20
 * small frames a second.
 */
public final class LiveFeed implements LiveTap {
  private static final InsoleLayout[] NO_LAYOUTS = new InsoleLayout[2];

  private final Map<WearerRef, WearerChannel> channels = new ConcurrentHashMap<>();
  private final Map<WearerRef, InsoleLayout[]> layouts = new ConcurrentHashMap<>();

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
      channel.onPressure(foot, utcUs, kpa, layouts.getOrDefault(wearer, NO_LAYOUTS));
    }
  }

  /** Each foot's layout (index 0 left, 1 right; null when no HELLO yet). */
  public InsoleLayout[] layouts(WearerRef wearer) {
    return layouts.getOrDefault(wearer, NO_LAYOUTS).clone();
  }

  /** Starts watching a wearer; close the subscription to stop. */
  public Subscription watch(WearerRef wearer) {
    WearerChannel channel = channels.computeIfAbsent(wearer, w -> new WearerChannel());
    channel.watchers.incrementAndGet();
    return new Subscription(channel);
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
