package com.plantar.gateway.registry;

import java.time.Instant;

/** A clinician's acknowledgement of one alert of a wearer. */
public record AlertAck(String wearerId, String alertId, String acknowledgedBy, Instant acknowledgedAt) {}
