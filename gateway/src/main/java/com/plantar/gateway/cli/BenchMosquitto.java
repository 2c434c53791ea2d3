package com.plantar.gateway.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Mosquitto on a free loopback port with a config of its own; ended by its PID. */
final class BenchMosquitto implements AutoCloseable {
  final Process process;
  final int port;

  long pid() {
    return process.pid();
  }

  private BenchMosquitto(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static BenchMosquitto start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
        + "max_inflight_messages 0\nmax_queued_messages 100000\nset_tcp_nodelay true\nuser root\n");
    String binary = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
    Process process = new ProcessBuilder(binary, "-c", conf.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return new BenchMosquitto(process, port);
      } catch (IOException e) {
        if (!process.isAlive()) {
          throw new IOException("mosquitto exited with " + process.exitValue());
        }
        Thread.sleep(50); // not listening yet: mosquitto gives no other sign of readiness
      }
    }
    process.destroy();
    throw new IOException("mosquitto did not start");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
