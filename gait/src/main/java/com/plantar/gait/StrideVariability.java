package com.plantar.gait;

/**
 * Stride-time variability of both feet's strides in a span, after removing turns (strides whose
 * centre of pressure did not roll forward, see {@link Stride#turnSuspected()}) and outliers
 * (stops, missed steps, turns without a cell layout): strides further than 3 scaled median
 * absolute deviations from the median stride time are excluded.
 *
 * @param strides strides used
 * @param excluded strides removed as turns or outliers
 * @param meanS mean stride time
 * @param sdS standard deviation
 * @param cvPct coefficient of variation, SD / mean × 100
 */
public record StrideVariability(int strides, int excluded, double meanS, double sdS, double cvPct) {}
