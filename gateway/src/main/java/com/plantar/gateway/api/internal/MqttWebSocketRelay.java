package com.plantar.gateway.api.internal;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetClient;
import io.vertx.ext.web.RoutingContext;

/**
 * MQTT over WebSocket on the HTTP port ({@code /mqtt}, sub-protocol {@code mqtt}): each WebSocket is
 * relayed byte for byte to the broker's plain MQTT port on loopback, both ways, with back-pressure
 * (Vert.x pipes). The broker's own pipeline cannot be spliced into Vert.x's connections, so this costs
 * one loopback hop; the broker's dedicated WebSocket port ({@code mqtt.webSocketPort}) has none. The
 * broker sees the relay's loopback address, not the client's; authentication is by user name and
 * token as on every port. Runs on the event loop of the WebSocket.
 */
public final class MqttWebSocketRelay {
  private final NetClient client;
  private final int mqttPort;

  public MqttWebSocketRelay(Vertx vertx, int mqttPort) {
    this.client = vertx.createNetClient();
    this.mqttPort = mqttPort;
  }

  public void handle(RoutingContext ctx) {
    if (mqttPort < 0 || !"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      ctx.next();
      return;
    }
    ctx.request().toWebSocket().onSuccess(this::relay).onFailure(failure -> ctx.fail(400));
  }

  private void relay(ServerWebSocket webSocket) {
    webSocket.pause();
    client.connect(mqttPort, "127.0.0.1").onSuccess(socket -> {
      socket.pipeTo(webSocket);
      webSocket.pipeTo(socket);
    }).onFailure(failure -> webSocket.close((short) 1011, "MQTT broker unavailable"));
  }
}
