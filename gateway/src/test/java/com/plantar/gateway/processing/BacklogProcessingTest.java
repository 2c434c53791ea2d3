package com.plantar.gateway.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gait.FootSide;
import com.plantar.gait.GaitConfig;
import com.plantar.gait.Stride;
import com.plantar.gait.StrideTiming;
import com.plantar.gait.recording.Recording;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.protocol.CompatFlags;
import com.plantar.protocol.MessageType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A synced backlog must yield the strides live streaming would have (issue 6), although it arrives
 * as two independent uploads, one per insole, that drift apart, while the wearer streams newer data
 * live. The walk is a real recording (gaitpdb, recorded by others).
 */
class BacklogProcessingTest {
  private static final WearerRef WEARER = new WearerRef("clinic", "pair-1");
  private static final long LIVE_LATER_US = 2 * 3_600_000_000L;
  /** Frames per upload publish (32 KiB of ~200 B frames is ~160; fewer makes the feet drift more often). */
  private static final int CHUNK = 40;

  /** The strides' identity and timing (the pressure profile holds arrays, compared by identity). */
  private record StrideKey(FootSide foot, long ic, long toeOff, long nextIc, StrideTiming timing) {
    static StrideKey of(Stride s) {
      return new StrideKey(s.foot(), s.initialContactMicros(), s.toeOffMicros(), s.nextInitialContactMicros(),
          s.timing());
    }
  }

  @Test
  void aBacklogUploadedInsoleByInsoleWhileLiveGoesOnGivesTheStridesOfLiveStreaming() throws Exception {
    Recording walk = WalkFrames.walk();
    List<StrideKey> asLive = streamedLive(walk);

    // The same walk as the insoles' backlog, with the right insole's upload two publishes behind the
    // left one's; meanwhile the wearer walks on, streamed live two hours later by a new pair.
    List<AcceptedFrame> backlog = WalkFrames.of(walk, WalkFrames.BOOT_UTC_US, WalkFrames.LEFT, WalkFrames.RIGHT,
        CompatFlags.BACKLOG);
    List<AcceptedFrame> later = WalkFrames.of(walk, WalkFrames.BOOT_UTC_US + LIVE_LATER_US, 0x21, 0x22);
    List<AcceptedFrame> arrival = new ArrayList<>(context(backlog));
    arrival.addAll(context(later));
    List<AcceptedFrame> left = data(backlog, WalkFrames.LEFT);
    List<AcceptedFrame> right = data(backlog, WalkFrames.RIGHT);
    List<AcceptedFrame> liveData = data(later, -1);
    int chunks = (Math.max(left.size(), right.size()) + CHUNK - 1) / CHUNK + 2;
    for (int c = 0; c < chunks; c++) {
      arrival.addAll(slice(left, c));
      arrival.addAll(slice(liveData, 2 * c)); // both feet: twice as many frames
      arrival.addAll(slice(liveData, 2 * c + 1));
      arrival.addAll(slice(right, c - 2));
    }
    // Uploads run far faster than real time: a backlog frame arrives every 2 ms.
    for (int i = 0; i < arrival.size(); i++) {
      AcceptedFrame f = arrival.get(i);
      if ((f.compatFlags() & CompatFlags.BACKLOG) != 0) {
        arrival.set(i, arrivedAt(f, WalkFrames.BOOT_UTC_US + LIVE_LATER_US + i * 2_000L));
      }
    }

    List<StrideKey> synced = new ArrayList<>();
    List<Long> shownLive = new ArrayList<>();
    LiveTap watcher = new LiveTap() {
      @Override
      public boolean watching(WearerRef wearer) {
        return true;
      }

      @Override
      public void onPressure(WearerRef wearer, FootSide foot, long utcUs, float[] kpa) {
        shownLive.add(utcUs);
      }
    };
    FrameProcessor processor = new FrameProcessor(strides(synced), watcher, GaitConfig.defaults());
    long position = 0;
    for (AcceptedFrame frame : arrival) {
      processor.process(frame, WEARER, position++);
    }
    processor.finish();

    List<StrideKey> fromBacklog = synced.stream().filter(s -> s.ic() < WalkFrames.BOOT_UTC_US + LIVE_LATER_US).toList();
    List<StrideKey> fromLive = synced.stream().filter(s -> s.ic() >= WalkFrames.BOOT_UTC_US + LIVE_LATER_US)
        .map(s -> new StrideKey(s.foot(), s.ic() - LIVE_LATER_US, s.toeOff() - LIVE_LATER_US,
            s.nextIc() - LIVE_LATER_US, s.timing()))
        .toList();
    assertThat(asLive).hasSizeGreaterThan(100);
    assertThat(asLive.stream().filter(s -> !Double.isNaN(s.timing().doubleSupportS())).count())
        .as("double support needs both feet side by side").isGreaterThan(asLive.size() * 9 / 10);
    assertThat(fromBacklog).as("backlog strides, in order, with their timing").containsExactlyElementsOf(asLive);
    assertThat(fromLive).as("live strides meanwhile").containsExactlyElementsOf(asLive);
    assertThat(processor.counters().outOfOrderForGait()).isZero();
    assertThat(shownLive).as("the live view shows the live samples only").hasSize(liveData.size() * 25)
        .allMatch(utcUs -> utcUs >= WalkFrames.BOOT_UTC_US + LIVE_LATER_US);
    assertThat(processor.counters().backfillFrames()).isEqualTo(left.size() + right.size());
    assertThat(processor.counters().backfillUnpaired()).isZero();
  }

  @Test
  void heldBacklogHoldsTheCheckpointAndOneFootAloneIsReleasedAfterTheWait() throws Exception {
    Recording walk = WalkFrames.walk();
    List<StrideKey> asLive = streamedLive(walk);

    List<AcceptedFrame> backlog = WalkFrames.of(walk, WalkFrames.BOOT_UTC_US, WalkFrames.LEFT, WalkFrames.RIGHT,
        CompatFlags.BACKLOG);
    List<StrideKey> synced = new ArrayList<>();
    FrameProcessor processor = new FrameProcessor(strides(synced), GaitConfig.defaults());
    long position = 0;
    for (AcceptedFrame frame : context(backlog)) {
      processor.process(frame, WEARER, position++);
    }
    // Only the left insole has a backlog, uploaded at 20 frames a second: each frame waits for the
    // right foot's upload until it has waited long enough (in arrival time), then goes in alone.
    long firstData = position;
    long uploadStart = WalkFrames.BOOT_UTC_US + LIVE_LATER_US;
    List<AcceptedFrame> left = data(backlog, WalkFrames.LEFT);
    for (int i = 0; i < left.size(); i++) {
      processor.process(arrivedAt(left.get(i), uploadStart + i * 50_000L), WEARER, position++);
      long waitFrames = BackfillLane.MAX_HOLD_MICROS / 50_000L;
      long expectedHeldFrom = i < waitFrames ? firstData : firstData + i - waitFrames + 1;
      assertThat(processor.heldFrom()).as("held from, after frame %d", i).isEqualTo(expectedHeldFrom);
    }
    processor.finish();
    assertThat(processor.heldFrom()).isEqualTo(Long.MAX_VALUE);

    List<StrideKey> liveLeft = asLive.stream().filter(s -> s.foot() == FootSide.LEFT).toList();
    assertThat(synced).extracting(StrideKey::ic).containsExactlyElementsOf(liveLeft.stream().map(StrideKey::ic).toList());
    assertThat(synced).extracting(StrideKey::toeOff)
        .containsExactlyElementsOf(liveLeft.stream().map(StrideKey::toeOff).toList());
    assertThat(synced).allSatisfy(s -> assertThat(s.timing().doubleSupportS()).isNaN());
    assertThat(processor.counters().backfillUnpaired()).isEqualTo(left.size() - BackfillLane.MAX_HOLD_MICROS / 50_000L);
  }

  /** The strides of {@code walk} streamed live by one insole pair, as they come out of processing. */
  private static List<StrideKey> streamedLive(Recording walk) {
    List<StrideKey> strides = new ArrayList<>();
    FrameProcessor live = new FrameProcessor(strides(strides), GaitConfig.defaults());
    WalkFrames.of(walk).forEach(frame -> live.process(frame, WEARER));
    live.finish();
    return strides;
  }

  private static GaitOutput strides(List<StrideKey> into) {
    return new GaitOutput() {
      @Override
      public void onStride(WearerRef wearer, Stride stride) {
        into.add(StrideKey.of(stride));
      }
    };
  }

  private static AcceptedFrame arrivedAt(AcceptedFrame f, long receivedUtcUs) {
    return new AcceptedFrame(f.tenant(), f.deviceId(), f.bootId(), f.type(), f.seq(), f.compatFlags(), receivedUtcUs,
        f.bytes());
  }

  private static List<AcceptedFrame> context(List<AcceptedFrame> frames) {
    return frames.stream().filter(f -> f.type() != MessageType.DATA).toList();
  }

  /** The DATA frames of one device ({@code device} -1: of all, in their order). */
  private static List<AcceptedFrame> data(List<AcceptedFrame> frames, long device) {
    return frames.stream().filter(f -> f.type() == MessageType.DATA && (device < 0 || f.deviceId() == device)).toList();
  }

  private static List<AcceptedFrame> slice(List<AcceptedFrame> frames, int chunk) {
    if (chunk < 0) {
      return List.of();
    }
    return frames.subList(Math.min(frames.size(), chunk * CHUNK), Math.min(frames.size(), (chunk + 1) * CHUNK));
  }
}
