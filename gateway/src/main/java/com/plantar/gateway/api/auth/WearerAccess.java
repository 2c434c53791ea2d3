package com.plantar.gateway.api.auth;

import com.plantar.gateway.api.internal.ApiError;
import com.plantar.gateway.registry.Account;
import com.plantar.gateway.registry.Accounts;
import com.plantar.gateway.registry.Wearer;
import com.plantar.gateway.registry.WearerRecords;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may see which wearer: an admin every wearer, a physiotherapist the wearers assigned to them, a
 * wearer only themself. Every granted read of one wearer's data is written to the audit log (who,
 * which action, which wearer, when, from where) before the data is read. Runs on worker threads.
 */
public final class WearerAccess {
  private final Accounts accounts;
  private final WearerRecords wearers;

  public WearerAccess(Accounts accounts, WearerRecords wearers) {
    this.accounts = accounts;
    this.wearers = wearers;
  }

  /**
   * The wearer named by the path parameter {@code id}, if the principal may see them; the access is
   * audited as {@code action}. 404 for an unknown wearer, 403 {@code forbidden} for someone else's.
   */
  public Wearer open(RoutingContext ctx, String action) {
    Principal principal = ctx.get(Principal.CONTEXT_KEY);
    String id = ctx.pathParam("id");
    Wearer wearer = wearers.find(id).orElseThrow(() -> ApiError.notFound("no wearer " + id));
    if (!allowed(principal.account(), id)) {
      throw ApiError.forbidden("forbidden", "you may not see this wearer's data");
    }
    String query = ctx.request().query();
    accounts.audit(principal.username(), action, Optional.of(id), query == null ? "" : query,
        Optional.ofNullable(ctx.request().remoteAddress()).map(a -> a.hostAddress()));
    return wearer;
  }

  /** The wearers a principal may list (not audited: the list shows no measurements). */
  public List<Wearer> visible(Principal principal) {
    Account account = principal.account();
    return switch (account.role()) {
      case ADMIN -> wearers.list();
      case PHYSIO -> {
        Set<String> assigned = accounts.assignedWearers(account.username());
        yield wearers.list().stream().filter(w -> assigned.contains(w.id())).toList();
      }
      case WEARER -> account.wearerId().flatMap(wearers::find).map(List::of).orElse(List.of());
    };
  }

  private boolean allowed(Account account, String wearerId) {
    return switch (account.role()) {
      case ADMIN -> true;
      case PHYSIO -> accounts.assignedWearers(account.username()).contains(wearerId);
      case WEARER -> account.wearerId().filter(wearerId::equals).isPresent();
    };
  }
}
