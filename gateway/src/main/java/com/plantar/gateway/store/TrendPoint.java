package com.plantar.gateway.store;

import com.plantar.gateway.registry.Side;

/**
 * One bucket of a stride-metric trend for one foot: how many strides had the metric, their mean and
 * their sample standard deviation (n − 1; NaN when count < 2).
 */
public record TrendPoint(long bucketStartUtcUs, Side side, long count, double mean, double standardDeviation) {}
