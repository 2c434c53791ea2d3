package com.plantar.gateway.processing;

import com.plantar.gait.FootSide;
import com.plantar.gateway.timing.TimeQuality;

/** Combinations of {@link LiveTap}s. */
public final class LiveTaps {
  private LiveTaps() {}

  /** Hands everything to both taps; a wearer is watched when either watches (each filters its own samples). */
  public static LiveTap both(LiveTap first, LiveTap second) {
    return new LiveTap() {
      @Override
      public void onHello(WearerRef wearer, long deviceId, InsoleDescription description, String helloJson,
          long receivedUtcUs) {
        first.onHello(wearer, deviceId, description, helloJson, receivedUtcUs);
        second.onHello(wearer, deviceId, description, helloJson, receivedUtcUs);
      }

      @Override
      public void onEvent(WearerRef wearer, long deviceId, String eventJson, long receivedUtcUs) {
        first.onEvent(wearer, deviceId, eventJson, receivedUtcUs);
        second.onEvent(wearer, deviceId, eventJson, receivedUtcUs);
      }

      @Override
      public void onData(WearerRef wearer, long deviceId, long receivedUtcUs, long lastSampleUtcUs,
          TimeQuality quality) {
        first.onData(wearer, deviceId, receivedUtcUs, lastSampleUtcUs, quality);
        second.onData(wearer, deviceId, receivedUtcUs, lastSampleUtcUs, quality);
      }

      @Override
      public boolean watching(WearerRef wearer) {
        return first.watching(wearer) || second.watching(wearer);
      }

      @Override
      public void onPressure(WearerRef wearer, FootSide foot, long utcUs, float[] kpa) {
        first.onPressure(wearer, foot, utcUs, kpa);
        second.onPressure(wearer, foot, utcUs, kpa);
      }
    };
  }
}
