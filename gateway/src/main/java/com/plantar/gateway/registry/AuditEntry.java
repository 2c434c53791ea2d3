package com.plantar.gateway.registry;

import java.time.Instant;
import java.util.Optional;

/** One read of a wearer's data (or another audited action): who, what, when, from where. */
public record AuditEntry(long id, Instant at, String username, String action, Optional<String> wearerId,
    String detail, Optional<String> remoteAddress) {}
