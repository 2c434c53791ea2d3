package com.plantar.gait.recording;

import java.util.List;

/**
 * A Moticon OpenGo text export: the recording plus the vendor's own gait events found in it.
 *
 * @param recording the samples (16 cells per foot, kPa)
 * @param events vendor events in time order (empty when the export has none)
 */
public record MoticonExport(Recording recording, List<VendorEvent> events) {

  /** What a vendor event marks. */
  public enum EventKind {
    /** Initial contact ("steps" code 11/21, or "Events" code 1). */
    INITIAL_CONTACT,
    /** Toe-off ("steps" code 15/25). */
    TOE_OFF,
    /** "Events" code 2: in the exports here it sits at the mid-stance force minimum. */
    EVENT_2
  }

  /** One vendor event. */
  public record VendorEvent(com.plantar.gait.FootSide foot, EventKind kind, long micros) {}
}
