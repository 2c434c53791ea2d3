package com.plantar.gateway.api.internal;

import com.plantar.gateway.api.auth.Authenticator;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web pages (static files from the classpath {@code web/}, built by the web front end) and their
 * assets: {@code /login}, {@code /wearers}, {@code /wearers/:id}, {@code /wearers/:id/report}, {@code
 * /wearers/:id/live}, {@code /assets/**} ({@code web/assets/}) and {@code /webjars/**} (the WebJars'
 * {@code META-INF/resources/webjars/}). {@code /} sends a signed-in browser to the wearer list, others
 * to the sign-in page. Pages hold no data: they fetch it from /api with the session cookie, so serving
 * them needs no authentication. Vert.x's StaticHandler refuses paths that leave its root.
 */
public final class Pages {
  private final Authenticator authenticator;

  public Pages(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  public void register(Router router) {
    router.get("/").blockingHandler(this::home, false);
    page(router, "/login", "web/login.html");
    page(router, "/wearers", "web/wearers.html");
    page(router, "/wearers/:id", "web/wearer.html");
    page(router, "/wearers/:id/report", "web/report.html");
    page(router, "/wearers/:id/live", "web/live.html");
    router.get("/assets/*").handler(StaticHandler.create("web/assets").setCachingEnabled(false));
    router.get("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
  }

  /**
   * Pages load scripts only from this origin (no inline script, no eval) and talk only to it; styles may
   * be inline because the chart libraries write style elements. A script injected into a page by data
   * would not run.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
      + " img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
      + " frame-ancestors 'none'";

  private static void page(Router router, String path, String file) {
    router.get(path).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .sendFile(file).onFailure(failure -> {
          if (!ctx.response().headWritten()) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end("page not built\n");
          }
        }));
  }

  private void home(RoutingContext ctx) {
    boolean signedIn;
    try {
      signedIn = authenticator.resolve(ctx).isPresent();
    } catch (ApiError e) {
      signedIn = false;
    }
    ctx.response().setStatusCode(302).putHeader("Location", signedIn ? "/wearers" : "/login").end();
  }
}
