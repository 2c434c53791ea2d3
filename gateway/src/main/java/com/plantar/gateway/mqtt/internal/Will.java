package com.plantar.gateway.mqtt.internal;

/** A will message and its v5 will delay, kept by the session while its connection lives. */
record Will(Message message, long delaySeconds) {}
