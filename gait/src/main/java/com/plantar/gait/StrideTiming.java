package com.plantar.gait;

/**
 * Temporal parameters of one stride (initial contact to the next initial contact of the same
 * foot). Durations in seconds, shares in percent of the stride. Values that need the other foot
 * (double and single support, step time) are NaN when the other foot was not tracked throughout.
 *
 * @param strideS initial contact to next initial contact
 * @param stanceS initial contact to toe-off
 * @param swingS toe-off to next initial contact
 * @param stancePct stance as % of stride
 * @param swingPct swing as % of stride
 * @param initialDoubleSupportS initial contact to the other foot's toe-off
 * @param terminalDoubleSupportS the other foot's initial contact to this toe-off
 * @param doubleSupportS initial + terminal double support
 * @param doubleSupportPct double support as % of stride
 * @param singleSupportS stance minus double support (the other foot's swing)
 * @param stepTimeS the other foot's previous initial contact to this initial contact
 */
public record StrideTiming(
    double strideS,
    double stanceS,
    double swingS,
    double stancePct,
    double swingPct,
    double initialDoubleSupportS,
    double terminalDoubleSupportS,
    double doubleSupportS,
    double doubleSupportPct,
    double singleSupportS,
    double stepTimeS) {}
