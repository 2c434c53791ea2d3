package com.plantar.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A test's browser or script against the real HTTP port: keeps the session cookie and CSRF token it was given. */
public final class ApiClient {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private String cookie;
  private String csrf;
  private String bearer;

  public ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  String base() {
    return base;
  }

  /** Signs in; keeps the cookie and CSRF token when it worked. */
  public HttpResponse<String> signIn(String username, String password) throws Exception {
    HttpResponse<String> response = send("POST", "/api/session",
        JSON.writeValueAsString(java.util.Map.of("username", username, "password", password)), false);
    if (response.statusCode() == 200) {
      String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
      cookie = setCookie.substring(0, setCookie.indexOf(';'));
      csrf = json(response).get("csrfToken").asText();
    }
    return response;
  }

  ApiClient withBearer(String token) {
    this.bearer = token;
    this.cookie = null;
    return this;
  }

  public HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null, false);
  }

  /** A state-changing request with the CSRF header (as the web pages send it). */
  public HttpResponse<String> send(String method, String path, String body) throws Exception {
    return send(method, path, body, true);
  }

  HttpResponse<String> send(String method, String path, String body, boolean withCsrf, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    if (withCsrf && csrf != null) {
      request.header("X-CSRF-Token", csrf);
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<java.io.InputStream> stream(String path) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    Optional.ofNullable(cookie).ifPresent(c -> request.header("Cookie", c));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  public static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }
}
