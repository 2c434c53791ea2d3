package com.plantar.gateway.bench.cluster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time of one bench step, split by who spent it, in nanoseconds. In this JVM by thread name:
 * <ul>
 *   <li><b>ingest</b>: MQTT I/O and sessions, ingest shards, the journal (single-node mode) or the
 *       edge's Kafka producer and its health probe (Kafka mode) — everything between the socket and
 *       the PUBACK;
 *   <li><b>processing</b>: the journal reader and processing shards (single-node) or the partition
 *       owners and their consumers and context producers (Kafka), and the store's writer thread.
 * </ul>
 * and the <b>broker</b> process from {@code /proc}. Threads that start and end within a step are
 * missed (the gateway's are long-lived); GC and JIT threads, shared with the load generator in this
 * JVM, are in no group, only in {@code jvm}.
 */
final class CpuMeter {
  /** CPU nanoseconds spent since a snapshot. */
  record Spent(long ingest, long processing, long broker, long jvm) {}

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final long brokerPid;
  private Spent start;

  /** @param brokerPid the broker's process, or -1 when no broker is part of the measured mode */
  CpuMeter(long brokerPid) {
    this.brokerPid = brokerPid;
  }

  void start() {
    start = now();
  }

  Spent stop() {
    Spent end = now();
    return new Spent(end.ingest - start.ingest, end.processing - start.processing, end.broker - start.broker,
        end.jvm - start.jvm);
  }

  private Spent now() {
    long ingest = 0;
    long processing = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      switch (groupOf(info.getThreadName())) {
        case INGEST -> ingest += cpu;
        case PROCESSING -> processing += cpu;
        default -> { }
      }
    }
    return new Spent(ingest, processing, brokerPid < 0 ? 0 : processCpuNanos(brokerPid), os.getProcessCpuTime());
  }

  private enum Group { INGEST, PROCESSING, OTHER }

  private static Group groupOf(String name) {
    if (name.startsWith("plantar-processor") || name.startsWith("plantar-partition-owner")
        || name.startsWith("plantar-store")) {
      return Group.PROCESSING;
    }
    if (name.startsWith("plantar-")) {
      return Group.INGEST; // mqtt-*, session, shard-*, journal, housekeeping
    }
    if (name.startsWith("kafka-")) {
      // The edge's producer ("… | plantar-edge-PID") and health probe are ingest; consumers and the
      // partition owners' context producers (client ids "<instance>-<n>") are processing.
      return name.contains("plantar-edge") || name.contains("plantar-health") ? Group.INGEST : Group.PROCESSING;
    }
    return Group.OTHER;
  }

  /** utime + stime of a process, from /proc/PID/stat (USER_HZ = 100). */
  private static long processCpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" "));
      long ticks = Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
      return ticks * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
