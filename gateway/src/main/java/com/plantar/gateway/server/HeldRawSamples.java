package com.plantar.gateway.server;

import com.plantar.gateway.store.RawSampleBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw-sample batches one processing thread handed to {@link StoreOutput} and that are not written
 * to the store yet, so that the store gets one write of many frames instead of one per frame.
 *
 * <p>Threads: filled by its one thread; taken by that thread (when full) or by the checkpoint's flush
 * on the journal reader. Callers hold its monitor from {@link #add} or {@link #takeAll} until the
 * batches taken are submitted to the store, so that a flush never overtakes a write in progress.
 */
final class HeldRawSamples {
  private List<RawSampleBatch> batches = new ArrayList<>();
  private int rows;

  /** Adds a frame's batch; returns how many rows are held now. */
  int add(RawSampleBatch batch) {
    batches.add(batch);
    rows += batch.sampleCount();
    return rows;
  }

  /** Everything held (possibly nothing); the holder starts empty again. */
  List<RawSampleBatch> takeAll() {
    List<RawSampleBatch> taken = batches;
    batches = new ArrayList<>(Math.max(16, taken.size()));
    rows = 0;
    return taken;
  }
}
