package com.plantar.gateway.bridge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real Mosquitto (Debian package) for one test: its own config and persistence directory on a free
 * 127.0.0.1 port, which it keeps across {@link #restart()}; ended by its PID.
 */
final class Mosquitto implements AutoCloseable {
  private final Path dir;
  private final int port;
  private Process process;

  private Mosquitto(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  static Mosquitto start(Path dir) throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    // Started as root, mosquitto would switch to its own user, which cannot read the test's private
    // temporary directory. Persistence keeps queued QoS 1 messages of persistent sessions across a restart.
    Files.writeString(dir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\nallow_anonymous true\n"
        + "persistence true\npersistence_location " + dir + "/\nlog_dest stderr\nuser root\n"
        + "max_queued_messages 100000\n");
    Mosquitto broker = new Mosquitto(dir, port);
    broker.launch();
    return broker;
  }

  private void launch() throws IOException {
    String binary = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
    process = new ProcessBuilder(binary, "-c", dir.resolve("mosquitto.conf").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
        .start();
    Awaitility.await("mosquitto listening on " + port).atMost(Duration.ofSeconds(10)).until(this::accepts);
  }

  private boolean accepts() {
    if (!process.isAlive()) {
      throw new IllegalStateException("mosquitto exited with " + process.exitValue());
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** Stops it as an operator would (SIGTERM: it saves its persistence file), then starts it again. */
  void restart() throws IOException, InterruptedException {
    stop();
    launch();
  }

  private void stop() throws InterruptedException {
    ProcessHandle handle = process.toHandle();
    handle.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      handle.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
