package com.plantar.gateway.store.influx;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends line protocol to the v1 {@code /write} endpoint with the JDK {@code HttpClient} (HTTP/1.1,
 * one keep-alive connection reused). Measured against influxdb-java's write path to the same
 * influxd (STORAGE.md "Speed"): its Retrofit/OkHttp stack held the adapter to ~0.6 of a plain
 * {@code HttpClient} writer, whether fed {@code Point}s or ready line protocol; influxdb-java stays
 * for InfluxQL reads and the 1.x schema set-up.
 *
 * <p>Threads: used on the store's writer thread only (the client itself is thread-safe).
 */
final class InfluxHttpWrites {
  private static final Pattern DROPPED = Pattern.compile("dropped=(\\d+)");

  /** A {@code /write} the server refused or that did not reach it. */
  static final class WriteException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryWorth;

    WriteException(String message, boolean retryWorth, Throwable cause) {
      super(message, cause);
      this.retryWorth = retryWorth;
    }

    /** I/O errors, 5xx, 429 and a full cache: the same write may succeed later. */
    boolean retryWorth() {
      return retryWorth;
    }
  }

  private final HttpClient http;
  private final String writeUrl;
  private final String authorization;

  /**
   * @param authorization the {@code Authorization} header value, or empty for none
   */
  InfluxHttpWrites(URI server, String database, String authorization) {
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .build();
    String base = server.toString().replaceAll("/+$", "");
    this.writeUrl = base + "/write?db=" + URLEncoder.encode(database, StandardCharsets.UTF_8) + "&precision=u";
    this.authorization = authorization;
  }

  static String tokenAuthorization(String token) {
    return "Token " + token;
  }

  static String basicAuthorization(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * POSTs {@code body} into retention policy {@code rp} (empty: the database's default). Returns how
   * many points the server dropped as older than the policy (it stores the rest: a partial write).
   */
  long write(String rp, LineBuffer body) throws WriteException, InterruptedException {
    String url = rp.isEmpty() ? writeUrl : writeUrl + "&rp=" + URLEncoder.encode(rp, StandardCharsets.UTF_8);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "text/plain; charset=utf-8")
        // ofByteArray(array, offset, length) reads the array as it is: the buffer is reused once send returns.
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.array(), 0, body.length()));
    if (!authorization.isEmpty()) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new WriteException("InfluxDB /write failed: " + e, true, e);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return 0;
    }
    String error = response.body();
    String lower = error.toLowerCase(Locale.ROOT);
    if (lower.contains("points beyond retention policy")) {
      Matcher m = DROPPED.matcher(error);
      return m.find() ? Long.parseLong(m.group(1)) : body.lines();
    }
    boolean retryWorth = status >= 500 || status == 429 || lower.contains("cache-max-memory-size exceeded")
        || lower.contains("engine: cache maximum memory size exceeded");
    throw new WriteException("InfluxDB /write answered " + status + ": " + error.strip(), retryWorth, null);
  }
}
