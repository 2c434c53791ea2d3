package com.plantar.gateway.timing;

/** A UTC time in µs since the epoch, and how much it can be trusted. */
public record MappedTime(long utcUs, TimeQuality quality) {}
