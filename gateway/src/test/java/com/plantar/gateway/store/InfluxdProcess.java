package com.plantar.gateway.store;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code influxd} (Debian package {@code influxdb}, installed by scripts/test) for tests: its
 * own temporary directories, HTTP and RPC bound to free loopback ports, no reporting, no _internal
 * database. Started and awaited ({@code /ping} → 204) by {@link #start}; stopped by its PID.
 */
public final class InfluxdProcess implements AutoCloseable {
  private final Process process;
  private final URI url;
  private final Path log;

  private InfluxdProcess(Process process, URI url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  public static InfluxdProcess start(Path directory) throws IOException {
    int httpPort = freeLoopbackPort();
    int rpcPort = freeLoopbackPort();
    Path config = directory.resolve("influxd.conf");
    Files.writeString(config, String.join("\n",
        "reporting-enabled = false",
        "bind-address = \"127.0.0.1:" + rpcPort + "\"",
        "[meta]",
        "  dir = \"" + directory.resolve("meta") + "\"",
        "[data]",
        "  dir = \"" + directory.resolve("data") + "\"",
        "  wal-dir = \"" + directory.resolve("wal") + "\"",
        "  index-version = \"inmem\"",
        "  query-log-enabled = false",
        "[monitor]",
        "  store-enabled = false",
        "[http]",
        "  enabled = true",
        "  bind-address = \"127.0.0.1:" + httpPort + "\"",
        "  auth-enabled = false",
        "  log-enabled = false",
        "  pprof-enabled = false",
        "[continuous_queries]",
        "  enabled = false",
        "[[udp]]",
        "  enabled = false",
        ""));
    return launch(config, URI.create("http://127.0.0.1:" + httpPort));
  }

  /** Stops this server (SIGTERM) and starts it again with the same configuration, ports and data. */
  public InfluxdProcess restart() throws IOException {
    close();
    return launch(log.resolveSibling("influxd.conf"), url);
  }

  private static InfluxdProcess launch(Path config, URI url) throws IOException {
    Path log = config.resolveSibling("influxd.log");
    Process process = new ProcessBuilder("influxd", "run", "-config", config.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    InfluxdProcess influxd = new InfluxdProcess(process, url, log);
    try {
      influxd.awaitPing();
    } catch (RuntimeException e) {
      influxd.close();
      throw new IllegalStateException("influxd did not answer /ping; its log:\n" + Files.readString(log), e);
    }
    return influxd;
  }

  public URI url() {
    return url;
  }

  long pid() {
    return process.pid();
  }

  private void awaitPing() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ping = HttpRequest.newBuilder(url.resolve("/ping")).timeout(Duration.ofSeconds(1)).build();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("influxd exited with " + process.exitValue());
      }
      return http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
    });
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "influxd pid " + pid() + " at " + url + " (log " + log + ")";
  }
}
