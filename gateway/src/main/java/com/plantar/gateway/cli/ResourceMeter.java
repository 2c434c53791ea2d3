package com.plantar.gateway.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU and memory of one bench step, measured in the step itself. CPU is given as % of all cores
 * (100 % = every core busy for the whole step): {@code serverCpu} is the server's — the CPU time of
 * this JVM's {@code plantar-*} threads (the gateway; GC and JIT threads, shared with the load
 * generator, are not in it) or of the Mosquitto process ({@code /proc}) — and {@code jvmCpu} the
 * whole JVM's (load generator, probe and GC included, and the gateway when it is the target).
 */
final class ResourceMeter {
  /** What a step used. {@code heapUsedAfterGc}/{@code heapMax} are bytes (-1 for Mosquitto: see rssBytes). */
  record Usage(double serverCpuPct, double jvmCpuPct, long heapUsedAfterGc, long heapMax, long rssBytes) {}

  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final int cores = Runtime.getRuntime().availableProcessors();
  private final long serverPid;
  private long startNanos;
  private long startJvmCpu;
  private long startServerCpu;

  /** @param serverPid the server's process, or -1 when the server is this JVM's gateway */
  ResourceMeter(long serverPid) {
    this.serverPid = serverPid;
  }

  void start() {
    startNanos = System.nanoTime();
    startJvmCpu = os.getProcessCpuTime();
    startServerCpu = serverCpuNanos();
  }

  /** Ends the step: CPU since {@link #start()}; then, for the gateway, a full GC and the heap after it. */
  Usage stop() {
    double wall = (System.nanoTime() - startNanos) * (double) cores;
    double server = 100 * (serverCpuNanos() - startServerCpu) / wall;
    double jvm = 100 * (os.getProcessCpuTime() - startJvmCpu) / wall;
    if (serverPid >= 0) {
      return new Usage(server, jvm, -1, -1, rssBytes(serverPid));
    }
    System.gc(); // between steps, not during one: the heap the gateway holds, not what it churns
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new Usage(server, jvm, heap.getUsed(), heap.getMax(), -1);
  }

  private long serverCpuNanos() {
    if (serverPid >= 0) {
      return processCpuNanos(serverPid);
    }
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("plantar-")) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        total += Math.max(0, cpu);
      }
    }
    return total;
  }

  /** utime + stime of a process, from /proc/PID/stat. */
  private static long processCpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name (which may hold spaces) start after the last ')'.
      List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" "));
      long ticks = Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
      return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Gone already: unknown.
    }
    return -1;
  }
}
