package com.plantar.gateway.store;

import com.plantar.gateway.registry.Side;
import java.util.Arrays;

/** One raw sample as read back: its time, where it came from and its cells (raw ADC counts). */
public record RawSample(long timeUtcUs, String wearer, String device, Side side, TimeQuality timeQuality,
    int[] cells) {
  public RawSample {
    cells = cells.clone();
  }

  @Override
  public int[] cells() {
    return cells.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawSample r && r.timeUtcUs == timeUtcUs && r.wearer.equals(wearer)
        && r.device.equals(device) && r.side == side && r.timeQuality == timeQuality && Arrays.equals(r.cells, cells);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(timeUtcUs) * 31 + Arrays.hashCode(cells);
  }

  @Override
  public String toString() {
    return "RawSample[" + timeUtcUs + " " + device + " " + side + " " + timeQuality + " " + Arrays.toString(cells) + "]";
  }
}
