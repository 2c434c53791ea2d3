package com.plantar.gateway.registry;

import java.time.Instant;
import java.util.Optional;

/** A person who signs in to the API; a wearer account is linked to its wearer's id. */
public record Account(String username, Role role, Optional<String> wearerId, Instant createdAt) {}
