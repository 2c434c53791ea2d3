package com.plantar.gait;

/**
 * A standing period: both feet loaded and no step for at least the configured minimum (3 s).
 *
 * @param startMicros start
 * @param endMicros end
 * @param leftWeightSharePct mean left share of the load on both feet, %
 * @param leftSway left foot CoP sway, or null without a left cell layout
 * @param rightSway right foot CoP sway, or null
 */
public record StandingBalance(
    long startMicros, long endMicros, double leftWeightSharePct, Sway leftSway, Sway rightSway) {}
