package com.plantar.gateway.processing;

import com.plantar.gait.FootSide;
import com.plantar.gateway.timing.TimeQuality;

/**
 * What the live view and the sync status need from processing besides gait results: what each HELLO
 * and EVENT said, when each DATA frame was received, and the calibrated pressure of every sample of
 * the wearers someone is watching. Called on the wearer's processing shard, in journal order per wearer: implementations
 * must not block, and {@link #onPressure} (per sample) must not allocate.
 */
public interface LiveTap {
  LiveTap NONE = new LiveTap() {};

  /** A valid HELLO: the insole's description and its raw JSON (for keys processing does not read). */
  default void onHello(WearerRef wearer, long deviceId, InsoleDescription description, String helloJson,
      long receivedUtcUs) {}

  /** An EVENT frame's JSON (battery level, …). */
  default void onEvent(WearerRef wearer, long deviceId, String eventJson, long receivedUtcUs) {}

  /** A processed DATA frame: when the gateway received it, its last sample's UTC time and how good that is. */
  default void onData(WearerRef wearer, long deviceId, long receivedUtcUs, long lastSampleUtcUs,
      TimeQuality quality) {}

  /** Whether anyone watches this wearer now; when false, {@link #onPressure} is not called for their frames. */
  default boolean watching(WearerRef wearer) {
    return false;
  }

  /** One sample of one foot in kPa per cell, HELLO order; {@code kpa} is reused: copy what you keep. */
  default void onPressure(WearerRef wearer, FootSide foot, long utcUs, float[] kpa) {}
}
