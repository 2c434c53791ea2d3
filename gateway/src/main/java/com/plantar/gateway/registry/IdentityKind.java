package com.plantar.gateway.registry;

/** What a login name stands for: one insole, or a phone/hub that forwards for its paired insoles. */
public enum IdentityKind {
  DEVICE,
  HUB
}
