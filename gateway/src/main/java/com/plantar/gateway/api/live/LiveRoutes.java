package com.plantar.gateway.api.live;

import com.plantar.gateway.api.auth.WearerAccess;
import com.plantar.gateway.api.internal.Json;
import com.plantar.gateway.live.InsoleLayout;
import com.plantar.gateway.live.LiveFeed;
import com.plantar.gateway.live.LiveFrame;
import com.plantar.gateway.processing.WearerRef;
import com.plantar.gateway.registry.Wearer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/wearers/:id/layout} and the live feed {@code GET /api/wearers/:id/live} (Server-Sent
 * Events, event {@code frame}, 20 a second while the wearer streams; a comment every 15 s keeps
 * proxies from closing an idle stream). The access check runs on a worker; the stream then lives on
 * its connection's event loop: a 50 ms timer takes at most two frames from the wearer's ring (fewer
 * when the client's socket is full: the frame is dropped, never queued), so a slow browser costs the
 * gateway nothing but skipped frames.
 */
public final class LiveRoutes {
  private static final long TICK_MS = 50;
  private static final long KEEP_ALIVE_MS = 15_000;
  /** Frames a viewer may lag before older ones are skipped: half a second. */
  private static final int MAX_BEHIND = 10;
  private static final String WEARER_KEY = "plantar.liveWearer";
  private static final Duration LAYOUT_WAIT = Duration.ofSeconds(3);

  private final Vertx vertx;
  private final LiveFeed feed;
  private final WearerAccess access;
  private final Json json;

  public LiveRoutes(Vertx vertx, LiveFeed feed, WearerAccess access, Json json) {
    this.vertx = vertx;
    this.feed = feed;
    this.access = access;
    this.json = json;
  }

  public void register(Router router) {
    router.get("/api/wearers/:id/layout").blockingHandler(this::layout, false);
    router.get("/api/wearers/:id/live").blockingHandler(ctx -> {
      ctx.put(WEARER_KEY, access.open(ctx, "live"));
      ctx.next(); // continues on the event loop
    }, false).handler(this::stream);
  }

  private void layout(RoutingContext ctx) {
    Wearer wearer = access.open(ctx, "layout");
    InsoleLayout[] feet;
    try {
      // In cluster mode the instance that processes the wearer answers through Kafka (SCALING.md).
      feet = feed.layouts(new WearerRef(wearer.tenant(), wearer.id()), LAYOUT_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the layout", e);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("L", layout(feet[0]));
    body.put("R", layout(feet[1]));
    json.send(ctx, 200, body);
  }

  private static Map<String, Object> layout(InsoleLayout layout) {
    if (layout == null) {
      return null;
    }
    List<Map<String, Object>> cells = new ArrayList<>();
    for (InsoleLayout.Cell cell : layout.cells()) {
      cells.add(Map.of("x", cell.xMm(), "y", cell.yMm(), "areaMm2", cell.areaMm2()));
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("cells", cells);
    map.put("units", "mm");
    map.put("lengthMm", layout.lengthMm());
    map.put("widthMm", layout.widthMm());
    return map;
  }

  private void stream(RoutingContext ctx) {
    Wearer wearer = ctx.get(WEARER_KEY);
    HttpServerResponse response = ctx.response();
    response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
    response.write("retry: 2000\n: streaming " + wearer.id() + "\n\n");
    LiveFeed.Subscription subscription = feed.watch(new WearerRef(wearer.tenant(), wearer.id()));
    long[] lastWriteMs = {System.currentTimeMillis()};
    long timer = vertx.setPeriodic(TICK_MS, id -> {
      for (int i = 0; i < 2 && !response.writeQueueFull(); i++) {
        Optional<LiveFrame> frame = subscription.poll(MAX_BEHIND);
        if (frame.isEmpty()) {
          break;
        }
        response.write("event: frame\ndata: " + encode(frame.get()) + "\n\n");
        lastWriteMs[0] = System.currentTimeMillis();
      }
      if (System.currentTimeMillis() - lastWriteMs[0] >= KEEP_ALIVE_MS && !response.writeQueueFull()) {
        response.write(": keep-alive\n\n");
        lastWriteMs[0] = System.currentTimeMillis();
      }
    });
    response.closeHandler(v -> {
      vertx.cancelTimer(timer);
      subscription.close();
    });
  }

  private String encode(LiveFrame frame) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("t", Json.timeUs(frame.utcUs()));
    event.put("L", foot(frame.left()));
    event.put("R", foot(frame.right()));
    double left = frame.left() == null || Double.isNaN(frame.left().loadN()) ? 0 : frame.left().loadN();
    double right = frame.right() == null || Double.isNaN(frame.right().loadN()) ? 0 : frame.right().loadN();
    event.put("leftSharePct", left + right > 0 ? 100 * left / (left + right) : null);
    try {
      return json.mapper().writeValueAsString(event);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> foot(LiveFrame.Foot foot) {
    if (foot == null) {
      return null;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("cellsKpa", foot.cellsKpa());
    map.put("cop", Double.isNaN(foot.copXMm()) ? null : Map.of("x", foot.copXMm(), "y", foot.copYMm()));
    map.put("loadN", Double.isNaN(foot.loadN()) ? null : foot.loadN());
    return map;
  }
}
