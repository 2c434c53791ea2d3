package com.plantar.gateway.api;

import com.plantar.gateway.api.alerts.AlertReads;
import com.plantar.gateway.api.alerts.AlertRoutes;
import com.plantar.gateway.api.auth.Authenticator;
import com.plantar.gateway.api.auth.LoginLimiter;
import com.plantar.gateway.api.auth.PasswordHasher;
import com.plantar.gateway.api.auth.SecretTokens;
import com.plantar.gateway.api.auth.SessionRoutes;
import com.plantar.gateway.api.commands.CommandRoutes;
import com.plantar.gateway.api.auth.WearerAccess;
import com.plantar.gateway.api.internal.ApiError;
import com.plantar.gateway.api.internal.Failures;
import com.plantar.gateway.api.internal.HealthRoute;
import com.plantar.gateway.config.HttpConfig;
import com.plantar.gateway.api.internal.Json;
import com.plantar.gateway.api.internal.MqttWebSocketRelay;
import com.plantar.gateway.api.internal.Pages;
import com.plantar.gateway.api.internal.RangeParams;
import com.plantar.gateway.api.live.LiveRoutes;
import com.plantar.gateway.api.report.ReportRoutes;
import com.plantar.gateway.api.sync.SyncRoutes;
import com.plantar.gateway.api.sync.LastSeen;
import com.plantar.gateway.api.trends.MetricCatalog;
import com.plantar.gateway.api.trends.TrendRoutes;
import com.plantar.gateway.api.wearers.WearerRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The gateway's HTTP port on Vert.x Web (on the gateway's Netty): the JSON API under {@code /api}
 * (see {@code /api/openapi.json}), {@code /health}, {@code /metrics}, MQTT over WebSocket on {@code
 * /mqtt}, and the web pages with their assets.
 *
 * <p>Threads: Vert.x event loops ({@code vert.x-eventloop-thread-*}, two) parse HTTP, route, serve
 * static files and SSE; every handler that reads the registry or the store runs on the Vert.x worker
 * pool ({@code vert.x-worker-thread-*}), never on an event loop. No handler touches a wearer's
 * processing state: the live view reads {@link com.plantar.gateway.live.LiveFeed}'s rings.
 */
public final class ApiServer implements AutoCloseable {
  /** JSON bodies of this API are a few hundred bytes; anything much larger is refused with 413. */
  static final long MAX_BODY_BYTES = 16 * 1024;

  private final Vertx vertx;
  private final HttpServer server;
  private final Router router;

  private ApiServer(Vertx vertx, HttpServer server, Router router) {
    this.vertx = vertx;
    this.server = server;
    this.router = router;
  }

  /** Builds the routes and listens; fails if the port cannot be bound. */
  public static ApiServer start(ApiOptions options, ApiBackends backends) throws Exception {
    return start(options.http(), vertx -> routes(vertx, options, backends));
  }

  /**
   * An operator's port with {@code /health} and {@code /metrics} only, for an instance without the
   * API ({@code plantar process}).
   */
  public static ApiServer startOperations(HttpConfig http, List<HealthCheck> health, Supplier<String> prometheus)
      throws Exception {
    return start(http, vertx -> {
      Router router = Router.router(vertx);
      operations(router, health, prometheus, new Json());
      return router;
    });
  }

  private static ApiServer start(HttpConfig http, Function<Vertx, Router> routes) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(8)
        .setFileSystemOptions(new FileSystemOptions()
            .setFileCacheDir(Files.createTempDirectory("plantar-http-cache").toString())));
    try {
      Router router = routes.apply(vertx);
      HttpServer server = vertx.createHttpServer(new HttpServerOptions()
              .setHost(http.host()).setPort(http.port())
              .setWebSocketSubProtocols(List.of("mqtt", "mqttv3.1"))
              .setMaxWebSocketFrameSize(1024 * 1024).setMaxWebSocketMessageSize(1024 * 1024))
          .requestHandler(router);
      server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new ApiServer(vertx, server, router);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw e;
    }
  }

  private static Router routes(Vertx vertx, ApiOptions options, ApiBackends backends) {
    Json json = new Json();
    Failures failures = new Failures(json, backends.metrics());
    RangeParams ranges = new RangeParams(options.clock());
    var accounts = backends.registry().accounts();
    var records = backends.registry().wearers();
    PasswordHasher hasher = new PasswordHasher(options.passwordCost(), new SecureRandom());
    Authenticator authenticator = new Authenticator(accounts);
    WearerAccess access = new WearerAccess(accounts, records);
    MetricCatalog catalog = new MetricCatalog();
    AlertReads alerts = new AlertReads(backends.store(), records, options.clock());
    LastSeen lastSeen = new LastSeen(backends.activity(), backends.store(), options.clock());
    SessionRoutes sessions = new SessionRoutes(accounts, hasher, new SecretTokens(new SecureRandom()),
        new LoginLimiter(options.loginLimits(), System::nanoTime), authenticator, json, options.clock(),
        options.sessionTtl(), options.tokenTtl(), options.secureCookies(), backends.metrics());
    byte[] openApi = openApiDocument();

    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("X-Frame-Options", "DENY")
          .putHeader("Referrer-Policy", "no-referrer");
      ctx.next();
    });
    operations(router, backends.health(), backends.prometheus(), json);
    router.get(options.http().webSocketPath()).handler(new MqttWebSocketRelay(vertx, backends.mqttPort())::handle);

    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.route("/api/*").failureHandler(failures);
    router.get("/api/openapi.json").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json; charset=utf-8").end(io.vertx.core.buffer.Buffer.buffer(openApi)));
    sessions.registerPublic(router);
    router.route("/api/*").blockingHandler(authenticator, false);
    sessions.registerProtected(router);
    new WearerRoutes(records, accounts, access, lastSeen, alerts, json).register(router);
    new TrendRoutes(backends.store(), access, catalog, ranges, json).register(router);
    new ReportRoutes(backends.store(), records, access, catalog, json).register(router);
    new SyncRoutes(backends.store(), backends.activity(), access, ranges, json).register(router);
    new AlertRoutes(alerts, records, access, ranges, json).register(router);
    new LiveRoutes(vertx, backends.live(), access, json).register(router);
    new CommandRoutes(backends.commands(), access, json, backends.metrics()).register(router);
    router.route("/api/*").handler(ctx -> ctx.fail(ApiError.notFound("no such API resource")));

    new Pages(authenticator).register(router);
    router.route().last().handler(ctx -> {
      failures.count("not_found");
      ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("not found\n");
    });
    return router;
  }

  private static void operations(Router router, List<HealthCheck> health, Supplier<String> prometheus, Json json) {
    router.get("/health").blockingHandler(new HealthRoute(health, json)::handle, false);
    router.get("/metrics").blockingHandler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(prometheus.get()), false);
  }

  private static byte[] openApiDocument() {
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the build");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bound port. */
  public int port() {
    return server.actualPort();
  }

  /** The router, for the test that every /api route is in the OpenAPI document. */
  Router router() {
    return router;
  }

  /** Stops listening, ends open connections (SSE streams included) and the Vert.x threads. */
  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("HTTP server did not stop in 10 s", e);
    }
  }
}
