package com.plantar.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The gateway's HTTP API as a signed-in user sees it, outside the browser (its own cookie jar). */
final class ApiClient {
  private final String base;
  private final HttpClient http;

  ApiClient(String base) {
    this.base = base;
    this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
  }

  void signIn(String username, String password) throws IOException, InterruptedException {
    String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("sign-in as " + username + ": " + response.statusCode() + " " + response.body());
    }
  }

  /** A GET's status and body; an event stream's body is not read (it never ends). */
  Response get(String path) throws IOException, InterruptedException {
    HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      boolean stream = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
      return new Response(response.statusCode(), stream ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  record Response(int statusCode, String body) {}
}
