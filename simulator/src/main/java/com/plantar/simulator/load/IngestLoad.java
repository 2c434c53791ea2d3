package com.plantar.simulator.load;

import com.plantar.protocol.BlockType;
import com.plantar.protocol.CompatFlags;
import com.plantar.protocol.DataFrame;
import com.plantar.protocol.DeviceIds;
import com.plantar.protocol.Encoding;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.Hello;
import com.plantar.protocol.SampleBlock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.CRC32C;

/**
 * One step of an ingest load run: {@code connections} raw MQTT publishers send DATA frames (16 cells
 * × 25 samples, DELTA, as a 100 Hz insole sends 4 a second) for {@code devices} insoles, QoS 1 on
 * their {@code sync} topics, paced to {@code framesPerSecond} in total, for {@code duration}; the
 * result is the PUBACK rate and latency. The same frames go to whatever broker is at host:port, so
 * two servers can be compared in one run.
 */
public final class IngestLoad {
  public static final int SAMPLES_PER_FRAME = 25;

  /** What one step measured. */
  public record Result(long framesSent, double offeredFramesPerSecond, double ackedFramesPerSecond, double p50Millis,
      double p99Millis) {
    public double insolesAt100Hz() {
      return ackedFramesPerSecond / 4;
    }
  }

  private IngestLoad() {}

  /** A DATA frame template whose seq, time and CRC are patched per send (no encoding on the hot path). */
  private static final class Device {
    final byte[] topic;
    final byte[] helloTopic;
    final byte[] hello;
    final byte[] frame;
    long seq;

    Device(String tenant, long id, FrameEncoder encoder, SplittableRandom random) {
      String prefix = "insole/v1/" + tenant + "/" + DeviceIds.toHex(id) + "/";
      topic = (prefix + "sync").getBytes(StandardCharsets.UTF_8);
      helloTopic = (prefix + "hello").getBytes(StandardCharsets.UTF_8);
      hello = encoder.encode(new Hello(new FrameHeader(0, id, 1), helloJson(id % 2 == 0 ? "L" : "R")));
      int[] values = new int[16 * SAMPLES_PER_FRAME];
      for (int c = 0; c < 16; c++) {
        int base = 200 + random.nextInt(2000);
        for (int s = 0; s < SAMPLES_PER_FRAME; s++) {
          values[s * 16 + c] = Math.max(0, Math.min(4095, base + (int) (400 * Math.sin(s / 4.0 + c)) + random.nextInt(9)));
        }
      }
      frame = encoder.encode(new DataFrame(new FrameHeader(CompatFlags.BACKLOG, id, 1), 0, 0, 240_000,
          SAMPLES_PER_FRAME, 1, List.of(new SampleBlock(BlockType.PRESSURE, Encoding.DELTA, 16, values))));
    }

    byte[] next(CRC32C crc) {
      ByteBuffer buf = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
      buf.putInt(24, (int) seq);
      buf.putLong(28, seq * 250_000L);
      seq++;
      crc.reset();
      crc.update(frame, 0, frame.length - 4);
      buf.putInt(frame.length - 4, (int) crc.getValue());
      return frame;
    }
  }

  /** A 16-cell HELLO (4 × 4 grid, 100 mm² cells, linear ADC→kPa) for config_id 1, as the frames say. */
  private static String helloJson(String side) {
    StringBuilder sensors = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      sensors.append(i == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT,
          "{\"i\":%d,\"x\":%.3f,\"y\":%.3f,\"area_mm2\":100,\"cal\":{\"model\":\"lut\",\"adc\":[0,4095],\"kpa\":[0,600]}}",
          i, (i % 4) * 0.25 - 0.375, 0.1 + (i / 4) * 0.25));
    }
    return "{\"v\":1,\"fw\":\"load\",\"hw\":\"load\",\"side\":\"" + side + "\",\"boot_id\":1,\"mono_now_us\":0,"
        + "\"rate_hz\":100,\"batch\":25,\"config_id\":\"00000001\",\"pressure\":{\"adc_bits\":12,"
        + "\"unit\":\"kPa\",\"count\":16,\"sensors\":[" + sensors + "]}}";
  }

  /** Runs one step against host:port and returns what it measured; {@code idBase} keeps steps' devices apart. */
  public static Result run(String host, int port, String tenant, int connections, int devices, long idBase,
      double framesPerSecond, Duration duration) throws IOException, InterruptedException {
    return run(host, port, tenant, connections, devices, idBase, framesPerSecond, duration, () -> { });
  }

  /**
   * As above; {@code atPacingStart} runs once every insole's HELLO is acknowledged, just before the
   * paced sends begin (where a caller starts measuring what the step costs the server).
   */
  public static Result run(String host, int port, String tenant, int connections, int devices, long idBase,
      double framesPerSecond, Duration duration, Runnable atPacingStart) throws IOException, InterruptedException {
    LatencyHistogram latencies = new LatencyHistogram();
    LongAdder acked = new LongAdder();
    List<RawPublisher> publishers = new ArrayList<>();
    List<Thread> senders = new ArrayList<>();
    FrameEncoder encoder = new FrameEncoder();
    SplittableRandom random = new SplittableRandom(idBase);
    long[] sent = new long[connections];
    LongAdder setUpAcks = new LongAdder();
    int hellos = 0;
    try {
      for (int c = 0; c < connections; c++) {
        RawPublisher publisher = new RawPublisher(host, port, "load-" + idBase + "-" + c, null, null,
            new LatencyHistogram(), setUpAcks);
        publishers.add(publisher);
        List<Device> own = new ArrayList<>();
        for (int d = c; d < devices; d += connections) {
          own.add(new Device(tenant, idBase + d, encoder, random));
        }
        // Every insole says HELLO first, so the gateway processes its frames (gait, store), not just acks them.
        for (Device device : own) {
          while (!publisher.publish(device.helloTopic, device.hello)) {
            publisher.flush();
            Thread.sleep(1); // window full: give the acks a moment to free packet ids
          }
          hellos++;
        }
        publisher.flush();
        double rate = framesPerSecond / connections;
        int index = c;
        Thread sender = new Thread(() -> sent[index] = pace(publisher, own, rate, duration), "load-send-" + c);
        senders.add(sender);
      }
      long helloDeadline = System.nanoTime() + 30_000_000_000L;
      while (setUpAcks.sum() < hellos && System.nanoTime() < helloDeadline) {
        Thread.sleep(10); // polling a counter of a socket reader thread; nothing to wait on
      }
      publishers.forEach(p -> p.measureInto(latencies, acked));
      atPacingStart.run();
      long start = System.nanoTime();
      senders.forEach(Thread::start);
      for (Thread sender : senders) {
        sender.join();
      }
      long elapsed = System.nanoTime() - start;
      // Acks of the last frames are part of the step: wait a little for them, not forever.
      long total = java.util.Arrays.stream(sent).sum();
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (acked.sum() < total && System.nanoTime() < deadline) {
        Thread.sleep(10); // as above
      }
      double seconds = elapsed / 1e9;
      return new Result(total, total / seconds, Math.min(acked.sum(), total) / seconds, latencies.percentileMillis(0.50),
          latencies.percentileMillis(0.99));
    } finally {
      for (RawPublisher publisher : publishers) {
        publisher.close();
      }
    }
  }

  /** Sends at {@code rate} frames/s round-robin over the devices until {@code duration}; returns frames sent. */
  private static long pace(RawPublisher publisher, List<Device> devices, double rate, Duration duration) {
    CRC32C crc = new CRC32C();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long sent = 0;
    int next = 0;
    try {
      while (System.nanoTime() < end) {
        long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
        if (sent >= due) {
          publisher.flush();
          // Ahead of schedule: a short sleep paces the sends without burning a core the servers need.
          Thread.sleep(0, 200_000);
          continue;
        }
        Device device = devices.get(next);
        next = (next + 1) % devices.size();
        if (!publisher.publish(device.topic, device.next(crc))) {
          publisher.flush();
          Thread.sleep(1); // all 65,535 packet ids in flight: the server is behind
          continue;
        }
        sent++;
      }
      publisher.flush();
    } catch (IOException | InterruptedException e) {
      // The server stopped taking frames: what was sent is counted.
    }
    return sent;
  }
}
