package com.plantar.gateway.demo;

import com.plantar.gateway.api.auth.PasswordHasher;
import com.plantar.gateway.api.auth.SecretTokens;
import com.plantar.gateway.registry.Intervention;
import com.plantar.gateway.registry.Registry;
import com.plantar.gateway.registry.Role;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The clinical side of the demo: a physiotherapist account assigned to every demo wearer (its password
 * generated anew at every start, printed once, and only its Argon2id hash stored), wearer profiles,
 * and the "orthotic fitted" intervention on the history wearer's fitting day (recorded once).
 */
final class DemoClinic {
  static final String PHYSIO = "demo-physio";

  private DemoClinic() {}

  /** Sets everything up and returns the physiotherapist's new password. */
  static String provision(Registry registry, List<String> wearerIds, String historyWearer, LocalDate fitted,
      PasswordHasher hasher) {
    String password = new SecretTokens(new SecureRandom()).newSecret().substring(0, 16);
    if (registry.accounts().find(PHYSIO).isPresent()) {
      registry.accounts().resetPassword(PHYSIO, hasher.hash(password));
    } else {
      registry.accounts().add(PHYSIO, Role.PHYSIO, hasher.hash(password), Optional.empty());
    }
    int n = 0;
    for (String wearer : wearerIds) {
      registry.accounts().assign(PHYSIO, wearer);
      if (registry.wearers().find(wearer).flatMap(w -> w.displayName()).isEmpty()) {
        n++;
        boolean history = wearer.equals(historyWearer);
        registry.wearers().updateProfile(wearer,
            Optional.of(history ? "History wearer (orthotic fitted " + fitted + ")" : "Demo wearer " + n),
            OptionalDouble.of(history ? 78 : 60 + 4 * n), Optional.of("EU " + (history ? 43 : 38 + n)),
            history ? "Simulated: medial overload and left/right imbalance before the orthotic." : "Simulated, walking live.");
      }
    }
    boolean recorded = registry.wearers().interventions(historyWearer).stream()
        .anyMatch(i -> i.kind() == Intervention.Kind.ORTHOTIC_FITTED && i.date().equals(fitted));
    if (!recorded) {
      registry.wearers().addIntervention(historyWearer, Intervention.Kind.ORTHOTIC_FITTED, fitted,
          "Custom orthotic with medial arch support (demo).", PHYSIO);
    }
    return password;
  }
}
