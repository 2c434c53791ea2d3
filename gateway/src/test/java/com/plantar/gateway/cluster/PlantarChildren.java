package com.plantar.gateway.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code plantar} instances as child JVMs of the shaded jar, by name: each one's output goes to
 * {@code <name>.log} in the test's directory (a restarted instance appends to the same log), and
 * those logs are copied to {@code target/<reportDir>} when the test ends, because the temporary
 * directory is deleted. Only the processes started here are ever signalled, by their handles.
 */
final class PlantarChildren implements AutoCloseable {
  private static final Path JAR = Path.of("target/plantar.jar");

  private final Path dir;
  private final Map<String, String> env;
  private final String reportDir;
  private final Map<String, Process> running = new LinkedHashMap<>();
  private final List<Process> started = new ArrayList<>();

  PlantarChildren(Path dir, Map<String, String> env, String reportDir) {
    this.dir = dir;
    this.env = Map.copyOf(env);
    this.reportDir = reportDir;
  }

  /** {@code plantar serve} as a cluster-mode edge on {@code port}; returns once it accepts connections. */
  Process startEdge(String name, int port) throws IOException {
    Process edge = start(name, List.of("serve", "--open", "--data-dir", dir.resolve(name).toString(),
        "--mqtt-port", Integer.toString(port), "--mqtts-port", "-1", "--http-port", "-1"));
    await(name + " listening").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
        .until(() -> accepts(edge, port));
    return edge;
  }

  /** {@code plantar process} with a static member id prefix; returns once it has started (not yet joined). */
  Process startProcessor(String name, String instanceId, int threads, List<String> storeArgs) throws IOException {
    List<String> args = new ArrayList<>(List.of("process", "--data-dir", dir.resolve(name).toString(),
        "--threads", Integer.toString(threads), "--instance-id", instanceId, "--http-port", "-1"));
    args.addAll(storeArgs);
    int before = count(name, "plantar process:");
    Process processor = start(name, args);
    await(name + " started").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
      if (!processor.isAlive()) {
        throw new IllegalStateException(name + " exited with " + processor.exitValue());
      }
      return count(name, "plantar process:") > before;
    });
    return processor;
  }

  private Process start(String name, List<String> args) throws IOException {
    if (running.containsKey(name) && running.get(name).isAlive()) {
      throw new IllegalStateException(name + " is running already");
    }
    List<String> command = new ArrayList<>(List.of("java", "-Xmx384m", "-jar", JAR.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    running.put(name, process);
    started.add(process);
    return process;
  }

  /** SIGKILL: the instance gets no chance to flush, commit or leave the group. */
  void kill(String name) throws InterruptedException {
    Process process = running.get(name);
    process.destroyForcibly();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " survived SIGKILL");
    }
  }

  /** SIGTERM and wait for the exit (a processor commits what the store has and prints its summary). */
  void stop(String name) throws InterruptedException {
    Process process = running.get(name);
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " did not stop within 60 s of SIGTERM");
    }
  }

  Path dataDir(String name) {
    return dir.resolve(name);
  }

  String log(String name) throws IOException {
    Path file = dir.resolve(name + ".log");
    return Files.exists(file) ? Files.readString(file) : "";
  }

  /** How many lines of {@code name}'s log (over all its runs) contain {@code text}. */
  int count(String name, String text) throws IOException {
    return (int) log(name).lines().filter(line -> line.contains(text)).count();
  }

  /** The lines of {@code name}'s log that start with {@code prefix}, one per run that printed it. */
  List<String> lines(String name, String prefix) throws IOException {
    return log(name).lines().filter(line -> line.startsWith(prefix)).toList();
  }

  private static boolean accepts(Process process, int port) {
    if (!process.isAlive()) {
      throw new IllegalStateException("child exited with " + process.exitValue());
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    started.forEach(Process::destroyForcibly);
    Path keep = Files.createDirectories(Path.of("target", reportDir));
    for (String name : running.keySet()) {
      Path log = dir.resolve(name + ".log");
      if (Files.exists(log)) {
        Files.copy(log, keep.resolve(name + ".log"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
