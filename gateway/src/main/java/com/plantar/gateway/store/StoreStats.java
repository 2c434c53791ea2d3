package com.plantar.gateway.store;

/**
 * Counters of one store since it opened: rows committed, commits (batches), writes refused because
 * the queue was full or the store closed, writes that failed after retries, and retries made.
 */
public record StoreStats(long rowsCommitted, long commits, long refusedWrites, long failedWrites, long retries) {}
