package com.plantar.protocol;

/** Bits of the header's {@code compat_flags} byte (PROTOCOL.md §3.1). */
public final class CompatFlags {
  /** The frame comes from the flash log, not live. */
  public static final int BACKLOG = 1;
  /** The device dropped samples before this frame: the gait engine resets. */
  public static final int GAP_BEFORE = 1 << 1;
  /** At least one value is at the ADC's full scale. */
  public static final int CLIPPED = 1 << 2;
  /** A TIME_ESTIMATE extension is present. */
  public static final int TIME_ESTIMATE = 1 << 3;
  /** Every bit v1 defines; the others are reserved, ignored and reported. */
  public static final int KNOWN = BACKLOG | GAP_BEFORE | CLIPPED | TIME_ESTIMATE;

  private CompatFlags() {}
}
