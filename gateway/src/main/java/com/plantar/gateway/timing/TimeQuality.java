package com.plantar.gateway.timing;

/** How a sample's UTC time was obtained; stored with the samples as {@code time_quality}. */
public enum TimeQuality {
  /** Fitted over ANCHOR messages of the sample's own boot (PROTOCOL.md §10). */
  ANCHORED,
  /** No anchor yet: from the HELLO's {@code mono_now_us} of the same boot and its arrival time. */
  HELLO_ESTIMATE,
  /** Neither: the boot was never synchronised; the time is the gateway's receive time. */
  UNSYNCED
}
