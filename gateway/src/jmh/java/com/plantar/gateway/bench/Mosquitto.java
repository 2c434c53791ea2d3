package com.plantar.gateway.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A mosquitto broker (Debian package {@code mosquitto}) run as a child process on 127.0.0.1. */
final class Mosquitto implements AutoCloseable {

  private final Process process;
  private final Path config;
  final int port;

  Mosquitto() throws IOException, InterruptedException {
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    config = Files.createTempFile("mosquitto-bench", ".conf");
    Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\nset_tcp_nodelay true\npersistence false\nlog_type error\n");
    process =
        new ProcessBuilder("mosquitto", "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IOException("mosquitto did not start (apt-get install -y mosquitto)", notYet);
        }
        TimeUnit.MILLISECONDS.sleep(20);
      }
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    process.waitFor(5, TimeUnit.SECONDS);
    Files.deleteIfExists(config);
  }
}
