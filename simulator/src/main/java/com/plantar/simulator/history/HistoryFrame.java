package com.plantar.simulator.history;

import java.time.Instant;

/**
 * One frame of generated history: which device, the topic suffix it belongs on ({@code hello},
 * {@code anchor} or {@code sync}), the encoded frame, and the true UTC time it describes.
 */
public record HistoryFrame(long deviceId, String suffix, byte[] frame, Instant at) {}
