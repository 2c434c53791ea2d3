package com.plantar.gateway.registry;

import java.util.Locale;

/** What an account may see: everything, the wearers assigned to it, or its own wearer's data. */
public enum Role {
  ADMIN,
  PHYSIO,
  WEARER;

  /** The stored and displayed spelling: lower case. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code label}, or INVALID_ARGUMENT. */
  public static Role fromLabel(String label) {
    for (Role role : values()) {
      if (role.label().equals(label)) {
        return role;
      }
    }
    throw new RegistryException(RegistryException.Reason.INVALID_ARGUMENT,
        "role must be admin, physio or wearer: " + label);
  }
}
