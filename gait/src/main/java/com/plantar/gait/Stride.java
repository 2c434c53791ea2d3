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
 */
public record Stride(
    FootSide foot,
    long initialContactMicros,
    long toeOffMicros,
    long nextInitialContactMicros,
    StrideTiming timing,
    ForceProfile force,
    PressureProfile pressure) {}
