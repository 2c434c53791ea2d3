package com.plantar.gait;

/**
 * One stride of one foot: from its initial contact (heel strike) to the next initial contact of
 * the same foot. Times are in µs on the clock of the samples.
 *
 * @param foot which foot
 * @param initialContactMicros initial contact that starts the stride
 * @param toeOffMicros toe-off that ends its stance
 * @param nextInitialContactMicros initial contact that ends the stride
 * @param timing temporal parameters
 * @param force the stance's force curve
 * @param pressure CoP and regional metrics, or null without a cell layout
 * @param turnSuspected true when the centre of pressure did not roll forward by at least a third
 *     of the insole length during stance (a pivot, turn or shuffle rather than a heel-to-toe step);
 *     always false without a cell layout. Such strides are left out of stride-time variability.
 */
public record Stride(
    FootSide foot,
    long initialContactMicros,
    long toeOffMicros,
    long nextInitialContactMicros,
    StrideTiming timing,
    ForceProfile force,
    PressureProfile pressure,
    boolean turnSuspected) {}
