package com.plantar.gateway.processing;

/** A wearer, as processing knows one: the tenant and an id stable across their devices. */
public record WearerRef(String tenant, String wearerId) {}
