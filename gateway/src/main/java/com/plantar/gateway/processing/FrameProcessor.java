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
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns accepted frames, in journal order, into gait results: HELLOs describe insoles, ANCHORs set
 * their clocks, DATA frames become calibrated samples at UTC times fed to each wearer's engine, and
 * the engines' strides, windows, bouts, balance and alerts go to the {@link GaitOutput}.
 *
 * <p>Owned by one thread (a processing shard's), which owns the state of every wearer routed to it;
 * not thread-safe. The
 * per-sample path allocates nothing; each DATA frame allocates the two arrays handed to the output.
 */
public final class FrameProcessor {
  private static final Logger log = LoggerFactory.getLogger(FrameProcessor.class);

  private final GaitOutput output;
  private final LiveTap live;
  private final GaitConfig gaitConfig;
  private final HelloParser helloParser = new HelloParser();
  private final FrameDecoder decoder = new FrameDecoder();
  private final FrameView view = new FrameView();
  private final Map<WearerRef, WearerState> states = new HashMap<>();
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
    counters.frames++;
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
      case DATA -> data(state, insole, frame);
      case EVENT -> live.onEvent(wearer, frame.deviceId(), view.jsonText(), frame.receivedUtcUs());
      default -> { }
    }
  }

  /** Ends every wearer's open stride, window and bout (on shutdown). */
  public void finish() {
    states.values().forEach(WearerState::finish);
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

  private void data(WearerState state, WearerState.Insole insole, AcceptedFrame frame) {
    InsoleDescription description = insole.description;
    DataBlock pressure = view.block(BlockType.PRESSURE);
    if (description == null || description.configId() != view.configId() || pressure == null
        || pressure.channels() != description.cells().size()) {
      counters.dataWithoutHello++;
      return;
    }
    boolean gap = view.hasFlag(CompatFlags.GAP_BEFORE) || view.bootId() != insole.lastBoot
        || view.seq() != insole.lastSeq + 1;
    insole.lastBoot = view.bootId();
    insole.lastSeq = view.seq();
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
      for (int c = 0; c < cells; c++) {
        int count = pressure.value(s, c);
        counts[s * cells + c] = count;
        kpa[c] = calibrations[c].toKpa(count);
      }
      counters.samples++;
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
