package com.plantar.gateway.store;

/**
 * Counters of one store since it opened: rows committed, commits (batches), writes refused because
 * the queue was full or the store closed, writes that failed after retries, retries made, and rows
 * the backend discarded because they were already older than its retention (counted as committed:
 * they would have expired anyway, and failing them would make the journal replay them forever), and
 * writes the backend rejected for good (see {@link StoreException.Reason#REJECTED}: dead-lettered).
 */
public record StoreStats(long rowsCommitted, long commits, long refusedWrites, long failedWrites, long retries,
    long rowsDroppedAsExpired, long rejectedWrites) {

  /** Both counters added up: a store made of several writers reports them as one. */
  public StoreStats plus(StoreStats other) {
    return new StoreStats(rowsCommitted + other.rowsCommitted, commits + other.commits,
        refusedWrites + other.refusedWrites, failedWrites + other.failedWrites, retries + other.retries,
        rowsDroppedAsExpired + other.rowsDroppedAsExpired, rejectedWrites + other.rejectedWrites);
  }
}
