package com.plantar.gateway.cluster;

import com.plantar.gait.FootSide;
import com.plantar.gait.GaitConfig;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.processing.FrameProcessor;
import com.plantar.gateway.processing.GaitOutput;
import com.plantar.gateway.processing.InsoleDescription;
import com.plantar.gateway.processing.LiveTap;
import com.plantar.gateway.processing.WearerRef;
import com.plantar.gateway.timing.TimeQuality;
import com.plantar.protocol.MessageType;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything one partition's wearers need, owned by the one worker thread the partition is assigned
 * to: a {@link FrameProcessor} of its own (every wearer's gait engine, insole descriptions, clocks),
 * the per-device dedup of DATA seqs, and the gate that silences the replay after an assignment.
 * Dropped when the partition is revoked; a new owner rebuilds it from the context topic and the
 * replay window. Not thread-safe.
 */
final class PartitionOwner {
  private final FrameProcessor processor;
  private final EmitGate gate;
  /** Which wearer each device's frames were keyed by: the edge resolved it, processing follows it. */
  private final Map<DeviceBoot, ProcessedSeqs> seqs = new HashMap<>();
  private final ClusterCounters counters;
  /** Records below this offset are replayed without emitting (the previous owner stored their results). */
  private final long replayUntil;
  long nextOffset = -1;
  long lastTimestamp = -1;
  long committedOffset;

  PartitionOwner(GaitOutput output, LiveTap live, GaitConfig gaitConfig, ClusterCounters counters,
      long replayUntil) {
    this.gate = new EmitGate(output);
    this.processor = new FrameProcessor(gate, new ReplayQuietTap(live, gate), gaitConfig);
    this.counters = counters;
    this.replayUntil = replayUntil;
    this.committedOffset = replayUntil;
  }

  /** A HELLO or ANCHOR from the context topic: restores an insole's description or clock, emits nothing. */
  void restore(WearerRef wearer, AcceptedFrame frame) {
    gate.open(false);
    processor.process(frame, wearer);
  }

  /** One record of the frames topic, in offset order. */
  void process(long offset, long timestamp, WearerRef wearer, AcceptedFrame frame) {
    boolean replaying = offset < replayUntil;
    nextOffset = offset + 1;
    lastTimestamp = timestamp;
    if (frame.type() == MessageType.DATA) {
      ProcessedSeqs.Seen seen = seqs.computeIfAbsent(new DeviceBoot(frame.deviceId(), frame.bootId()),
          k -> new ProcessedSeqs()).record(frame.seq());
      if (seen == ProcessedSeqs.Seen.DUPLICATE) {
        if (!replaying) {
          counters.duplicates.increment();
        }
        return;
      }
      if (seen == ProcessedSeqs.Seen.NEW_BUT_OLDER && !replaying) {
        counters.outOfOrder.increment();
      }
    }
    gate.open(!replaying);
    processor.process(frame, wearer, offset);
    (replaying ? counters.replayed : counters.processed).increment();
  }

  /** Releases backlog held for the other foot for too long; on the owning thread, regularly. */
  void tick() {
    processor.tick();
  }

  /**
   * The offset to commit: the next one to read, or the first backlog frame whose gait results are
   * still held back (a new owner must process it again).
   */
  long commitOffset() {
    return Math.min(nextOffset, processor.heldFrom());
  }

  boolean hasUncommitted() {
    return commitOffset() > committedOffset;
  }

  private record DeviceBoot(long deviceId, long bootId) {}

  /**
   * The live view and the sync status see layouts from every HELLO (restored ones too) but pressure,
   * events and DATA only from records processed for the first time: a replay would show the past as now.
   */
  private record ReplayQuietTap(LiveTap live, EmitGate gate) implements LiveTap {
    @Override
    public void onHello(WearerRef wearer, long deviceId, InsoleDescription description, String helloJson,
        long receivedUtcUs) {
      live.onHello(wearer, deviceId, description, helloJson, receivedUtcUs);
    }

    @Override
    public void onEvent(WearerRef wearer, long deviceId, String eventJson, long receivedUtcUs) {
      if (gate.isOpen()) {
        live.onEvent(wearer, deviceId, eventJson, receivedUtcUs);
      }
    }

    @Override
    public void onData(WearerRef wearer, long deviceId, long receivedUtcUs, long lastSampleUtcUs,
        TimeQuality quality) {
      if (gate.isOpen()) {
        live.onData(wearer, deviceId, receivedUtcUs, lastSampleUtcUs, quality);
      }
    }

    @Override
    public boolean watching(WearerRef wearer) {
      return gate.isOpen() && live.watching(wearer);
    }

    @Override
    public void onPressure(WearerRef wearer, FootSide foot, long utcUs, float[] kpa) {
      live.onPressure(wearer, foot, utcUs, kpa);
    }
  }
}
