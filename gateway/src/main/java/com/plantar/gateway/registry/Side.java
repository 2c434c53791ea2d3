package com.plantar.gateway.registry;

/** Which foot an insole is worn on. */
public enum Side {
  L,
  R
}
