package com.plantar.simulator.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** A Mosquitto broker for one test: its own config on a free 127.0.0.1 port, ended by its PID. */
final class MosquittoBroker implements AutoCloseable {
  private final Process process;
  private final int port;

  private MosquittoBroker(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static MosquittoBroker start(Path dir) throws IOException, InterruptedException {
    return start(dir, Map.of());
  }

  /** A broker that admits only {@code users} (name to password) when there are any. */
  static MosquittoBroker start(Path dir, Map<String, String> users) throws IOException, InterruptedException {
    return start(dir, users, "");
  }

  /** As {@link #start(Path, Map)}, with extra lines of configuration. */
  static MosquittoBroker start(Path dir, Map<String, String> users, String extraConfig)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path conf = dir.resolve("mosquitto.conf");
    String access = "allow_anonymous true\n";
    if (!users.isEmpty()) {
      Path passwords = dir.resolve("passwords");
      StringBuilder lines = new StringBuilder();
      users.forEach((user, password) -> lines.append(user).append(':').append(password).append('\n'));
      Files.writeString(passwords, lines);
      // mosquitto_passwd -U hashes a plain user:password file in place.
      Process hash = new ProcessBuilder("mosquitto_passwd", "-U", passwords.toString()).inheritIO().start();
      if (hash.waitFor() != 0) {
        throw new IOException("mosquitto_passwd failed");
      }
      access = "allow_anonymous false\npassword_file " + passwords + "\n";
    }
    // Started as root, mosquitto would switch to its own user, which cannot read the test's
    // private temporary directory; as any other user this line has no effect.
    Files.writeString(conf, "listener " + port + " 127.0.0.1\n" + access
        + "persistence false\nlog_dest stderr\nuser root\n" + extraConfig);
    String binary = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
    Process process = new ProcessBuilder(binary, "-c", conf.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("mosquitto.log").toFile())
        .start();
    MosquittoBroker broker = new MosquittoBroker(process, port);
    Awaitility.await("mosquitto listening on " + port).atMost(Duration.ofSeconds(10))
        .until(broker::accepts);
    return broker;
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

  @Override
  public void close() throws InterruptedException {
    ProcessHandle handle = process.toHandle();
    handle.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      handle.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
