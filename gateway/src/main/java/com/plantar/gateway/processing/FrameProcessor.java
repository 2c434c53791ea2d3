package com.plantar.gateway.processing;

import com.plantar.gait.Alert;
import com.plantar.gait.FootSide;
import com.plantar.gait.GaitConfig;
import com.plantar.gait.GaitEngine;
import com.plantar.gait.GaitListener;
import com.plantar.gait.GaitSummary;
import com.plantar.gait.StandingBalance;
import com.plantar.gait.Stride;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.timing.BootClock;
import com.plantar.gateway.timing.MappedTime;
import com.plantar.gateway.timing.TimeQuality;
import com.plantar.protocol.BlockType;
import com.plantar.protocol.CompatFlags;
import com.plantar.protocol.DataBlock;
import com.plantar.protocol.DecodeStatus;
import com.plantar.protocol.FrameDecoder;
import com.plantar.protocol.FrameView;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns accepted frames, in journal order, into gait results: HELLOs describe insoles, ANCHORs set
 * their clocks, DATA frames become calibrated samples at UTC times fed to each wearer's engine, and
 * the engines' strides, windows, bouts, balance and alerts go to the {@link GaitOutput}. Live DATA
 * goes to the wearer's live engine; backlog DATA (flagged BACKLOG) to the wearer's
 * {@link BackfillLane}, which may hold it a while to put both feet in time order. Raw samples go to
 * the output as each frame arrives, held or not.
 *
 * <p>Owned by one thread (a processing shard's), which owns the state of every wearer routed to it;
 * not thread-safe. The
 * per-sample path allocates nothing; each DATA frame allocates the two arrays handed to the output.
 */
public final class FrameProcessor {
  private static final Logger log = LoggerFactory.getLogger(FrameProcessor.class);
  /** How often {@link #tick()} looks for backlog lanes to retire (they idle for 30 s first). */
  private static final long IDLE_SWEEP_NANOS = 1_000_000_000L;

  private final GaitOutput output;
  private final LiveTap live;
  private final GaitConfig gaitConfig;
  private final HelloParser helloParser = new HelloParser();
  private final FrameDecoder decoder = new FrameDecoder();
  private final FrameView view = new FrameView();
  /** Decodes a held backlog frame again when its lane releases it (while {@link #view} holds another). */
  private final FrameView releaseView = new FrameView();
  private final Map<WearerRef, WearerState> states = new HashMap<>();
  /** The wearers whose backlog lane is open (those syncing). */
  private final Set<WearerState> backfilling = new HashSet<>();
  /** Of those, the ones whose lane holds frames for the other foot (few; looked at after every batch). */
  private final Set<WearerState> holding = new HashSet<>();
  private long lastIdleSweepNanos = System.nanoTime();
  private final BackfillLane.Feed feedHeld = this::feedHeld;
  /** The frame {@link #view} holds while its backlog lane decides (feeding it needs no second decode). */
  private AcceptedFrame inView;
  private float[] releaseKpa = new float[0];
  /** The latest arrival time of a processed frame (the clock of {@link #tick()}). */
  private long lastArrivalUs = Long.MIN_VALUE;
  /** That arrival time as the last tick saw it, and when (System.nanoTime) it first saw it. */
  private long tickedArrivalUs = Long.MIN_VALUE;
  private long tickedArrivalNanos;
  private final ProcessingCounters counters = new ProcessingCounters();

  public FrameProcessor(GaitOutput output, GaitConfig gaitConfig) {
    this(output, LiveTap.NONE, gaitConfig);
  }

  /** @param live told what each frame said; called on this processor's thread (see {@link LiveTap}) */
  public FrameProcessor(GaitOutput output, LiveTap live, GaitConfig gaitConfig) {
    this.output = output;
    this.live = live;
    this.gaitConfig = gaitConfig;
  }

  public ProcessingCounters counters() {
    return counters;
  }

  /** Processes one frame of {@code wearer} (whom the caller looked up in its {@link WearerDirectory}). */
  public void process(AcceptedFrame frame, WearerRef wearer) {
    process(frame, wearer, -1);
  }

  /**
   * As above; {@code position} (a journal index or Kafka offset, increasing) is what
   * {@link #heldFrom()} reports while the frame's gait results are held back.
   */
  public void process(AcceptedFrame frame, WearerRef wearer, long position) {
    counters.frames++;
    lastArrivalUs = Math.max(lastArrivalUs, frame.receivedUtcUs());
    byte[] bytes = frame.bytes();
    if (decoder.decode(bytes, 0, bytes.length, view) != DecodeStatus.OK) {
      // Validated at ingest; failing now means the journal and the codec disagree.
      counters.undecodable++;
      return;
    }
    WearerState state = states.computeIfAbsent(wearer, w -> new WearerState(w, gaitConfig, listenerFor(w)));
    WearerState.Insole insole = state.insole(frame.deviceId());
    switch (view.type()) {
      case HELLO -> hello(state, insole, frame);
      case ANCHOR -> insole.timeline.boot(view.bootId()).addAnchor(view.monoUs(), view.utcUs(), view.rttUs());
      case DATA -> data(state, insole, frame, position);
      case EVENT -> live.onEvent(wearer, frame.deviceId(), view.jsonText(), frame.receivedUtcUs());
      default -> { }
    }
  }

  /**
   * Lets the backlog lanes release frames that have waited long enough for the other foot, and
   * finishes lanes whose backlog ended; call it regularly (on the owning thread), also when no
   * frames come. Waits are measured in arrival time: the latest {@code receivedUtcUs} processed,
   * moved on by the wall time since, so they last as long when the journal is replayed at start
   * (frames hours old, processed fast) as when the frames arrived.
   */
  public void tick() {
    if (backfilling.isEmpty()) {
      return;
    }
    long nanos = System.nanoTime();
    if (lastArrivalUs != tickedArrivalUs) {
      // New frames since the last tick: their latest arrival is now (to within one batch).
      tickedArrivalUs = lastArrivalUs;
      tickedArrivalNanos = nanos;
    }
    long nowUs = lastArrivalUs + (nanos - tickedArrivalNanos) / 1_000;
    if (!holding.isEmpty()) {
      holding.removeIf(state -> !state.releaseOverdueBackfill(nowUs));
    }
    if (System.nanoTime() - lastIdleSweepNanos >= IDLE_SWEEP_NANOS) {
      lastIdleSweepNanos = System.nanoTime();
      backfilling.removeIf(state -> !state.retireIdleBackfill(nowUs));
    }
  }

  /**
   * The lowest position among the backlog frames whose gait results are still held back (they must
   * be processed again after a restart), or {@code Long.MAX_VALUE} when none is.
   */
  public long heldFrom() {
    long from = Long.MAX_VALUE;
    for (WearerState state : holding) {
      from = Math.min(from, state.backfillHeldFrom());
    }
    return from;
  }

  /** Ends every wearer's open stride, window and bout, releasing held backlog first (on shutdown). */
  public void finish() {
    states.values().forEach(WearerState::finish);
    backfilling.clear();
    holding.clear();
  }

  private void hello(WearerState state, WearerState.Insole insole, AcceptedFrame frame) {
    try {
      String json = view.jsonText();
      InsoleDescription description = helloParser.parse(json);
      state.describe(insole, description);
      live.onHello(state.wearer, frame.deviceId(), description, json, frame.receivedUtcUs());
      if (description.bootId() == view.bootId() && description.monoNowUs() >= 0) {
        insole.timeline.boot(view.bootId()).addHello(description.monoNowUs(), frame.receivedUtcUs());
      }
    } catch (InvalidHelloException e) {
      counters.invalidHellos++;
      log.warn("device {}: invalid HELLO: {}", com.plantar.protocol.DeviceIds.toHex(frame.deviceId()), e.getMessage());
    }
  }

  private void data(WearerState state, WearerState.Insole insole, AcceptedFrame frame, long position) {
    InsoleDescription description = insole.description;
    DataBlock pressure = view.block(BlockType.PRESSURE);
    if (description == null || description.configId() != view.configId() || pressure == null
        || pressure.channels() != description.cells().size()) {
      counters.dataWithoutHello++;
      return;
    }
    boolean backlog = view.hasFlag(CompatFlags.BACKLOG);
    boolean gap = view.hasFlag(CompatFlags.GAP_BEFORE)
        || view.bootId() != (backlog ? insole.lastBacklogBoot : insole.lastBoot)
        || view.seq() != (backlog ? insole.lastBacklogSeq : insole.lastSeq) + 1;
    if (backlog) {
      insole.lastBacklogBoot = view.bootId();
      insole.lastBacklogSeq = view.seq();
    } else {
      insole.lastBoot = view.bootId();
      insole.lastSeq = view.seq();
    }
    BootClock clock = insole.timeline.boot(view.bootId());
    FootSide foot = description.side();
    float[] kpa = insole.kpa;
    CellCalibration[] calibrations = insole.calibrations;
    int cells = kpa.length;
    int samples = view.sampleCount();
    long[] times = new long[samples];
    int[] counts = new int[samples * cells];
    TimeQuality quality = null;
    boolean late = false;
    boolean watched = live.watching(state.wearer);
    for (int s = 0; s < samples; s++) {
      MappedTime time = clock.toUtc(view.sampleTimeUs(s), frame.receivedUtcUs());
      times[s] = time.utcUs();
      quality = time.quality();
      counters.samples++;
      if (backlog) {
        // Its lane feeds the engine (below); the live view shows what the wearer does now, not a
        // backlog replayed at upload speed.
        for (int c = 0; c < cells; c++) {
          counts[s * cells + c] = pressure.value(s, c);
        }
        continue;
      }
      for (int c = 0; c < cells; c++) {
        int count = pressure.value(s, c);
        counts[s * cells + c] = count;
        kpa[c] = calibrations[c].toKpa(count);
      }
      if (watched) {
        live.onPressure(state.wearer, foot, time.utcUs(), kpa);
      }
      GaitEngine engine = state.engineFor(foot, time.utcUs());
      if (engine == null) {
        late = true;
        continue;
      }
      engine.acceptCells(foot, time.utcUs(), kpa, gap && s == 0);
    }
    output.onSamples(state.wearer, frame.deviceId(), foot, times, counts, cells, quality);
    if (samples > 0) {
      live.onData(state.wearer, frame.deviceId(), frame.receivedUtcUs(), times[samples - 1], quality);
    }
    if (late) {
      counters.outOfOrderForGait++;
    }
    if (backlog && samples > 0) {
      counters.backfillFrames++;
      inView = frame;
      state.backfill(feedHeld, counters).offer(new HeldFrame(frame, foot, times, calibrations, gap, position,
          frame.receivedUtcUs()), state.hasBothFeet());
      inView = null;
      backfilling.add(state);
      if (state.backfillHolding()) {
        holding.add(state);
      }
    }
  }

  /** Feeds a backlog frame its lane released: decoded again unless it is the one in {@link #view}. */
  private void feedHeld(GaitEngine engine, HeldFrame held) {
    FrameView frame = view;
    if (held.frame() != inView) {
      byte[] bytes = held.frame().bytes();
      if (decoder.decode(bytes, 0, bytes.length, releaseView) != DecodeStatus.OK) {
        counters.undecodable++; // it decoded when it arrived: cannot happen short of a codec bug
        return;
      }
      frame = releaseView;
    }
    DataBlock pressure = frame.block(BlockType.PRESSURE);
    CellCalibration[] calibrations = held.calibrations();
    int cells = calibrations.length;
    if (releaseKpa.length != cells) {
      releaseKpa = new float[cells];
    }
    long[] times = held.times();
    for (int s = 0; s < times.length; s++) {
      for (int c = 0; c < cells; c++) {
        releaseKpa[c] = calibrations[c].toKpa(pressure.value(s, c));
      }
      engine.acceptCells(held.foot(), times[s], releaseKpa, held.gapBefore() && s == 0);
    }
  }

  private GaitListener listenerFor(WearerRef wearer) {
    return new GaitListener() {
      @Override
      public void onStride(Stride stride) {
        output.onStride(wearer, stride);
      }

      @Override
      public void onWindow(GaitSummary window) {
        output.onWindow(wearer, window);
      }

      @Override
      public void onWalkingBout(GaitSummary bout) {
        output.onWalkingBout(wearer, bout);
      }

      @Override
      public void onStandingBalance(StandingBalance balance) {
        output.onStandingBalance(wearer, balance);
      }

      @Override
      public void onAlert(Alert alert) {
        output.onAlert(wearer, alert);
      }
    };
  }
}
