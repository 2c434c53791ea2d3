package com.plantar.gait;

/**
 * What a {@link GaitEngine} did with its input.
 *
 * @param acceptedSamples samples processed
 * @param rejectedSamples samples dropped as invalid (wrong cell count, not finite, cells for a
 *     foot without a layout or a single force for a foot with one)
 * @param outOfOrderSamples samples dropped because their time was not after the previous one
 * @param gaps gaps seen (flagged by the caller or detected from a time jump); each resets the foot
 */
public record EngineCounters(
    long acceptedSamples, long rejectedSamples, long outOfOrderSamples, long gaps) {}
