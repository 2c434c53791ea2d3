package com.plantar.gateway.store;

import com.plantar.gateway.registry.Side;

/**
 * One stride of one foot, from initial contact (its time in the store) to the next initial contact
 * of the same foot; times in UTC microseconds. Identity: tenant, device, initial contact.
 */
public record StrideRow(String tenant, String wearer, String device, Side side, long initialContactUtcUs,
    long toeOffUtcUs, long nextInitialContactUtcUs, StrideMetrics metrics) {
  public StrideRow {
    SeriesIds.require("tenant", tenant);
    SeriesIds.require("wearer", wearer);
    SeriesIds.require("device", device);
    SeriesIds.nonNull("side", side);
    SeriesIds.nonNull("metrics", metrics);
    if (!(initialContactUtcUs <= toeOffUtcUs && toeOffUtcUs <= nextInitialContactUtcUs)) {
      throw new IllegalArgumentException("stride events out of order: initial contact " + initialContactUtcUs
          + ", toe-off " + toeOffUtcUs + ", next initial contact " + nextInitialContactUtcUs);
    }
  }
}
