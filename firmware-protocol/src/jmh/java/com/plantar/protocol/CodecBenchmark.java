package com.plantar.protocol;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode and encode throughput of one DATA frame of 16 pressure cells × 25 samples (a 100 Hz
 * insole's quarter second), per encoding. Scores are values per second (400 values per frame);
 * run with {@code -prof gc} for allocation per operation:
 *
 * <pre>scripts/bench firmware-protocol CodecBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
  static final int CHANNELS = 16;
  static final int SAMPLES = 25;
  static final int VALUES = CHANNELS * SAMPLES;

  @Param({"RAW16", "PACK12", "DELTA"})
  Encoding encoding;

  private final FrameDecoder decoder = new FrameDecoder();
  private final FrameEncoder encoder = new FrameEncoder();
  private final FrameView view = new FrameView();
  private DataFrame frame;
  private ByteBuffer encoded;
  private ByteBuffer out;

  @Setup
  public void setUp() {
    // A stance-like load curve per cell with ±4 counts of noise: DELTA widths of 6–9 bits, as on
    // real insoles (see the wire-size table in PROTOCOL.md).
    SplittableRandom random = new SplittableRandom(42);
    int[] values = new int[VALUES];
    for (int c = 0; c < CHANNELS; c++) {
      double peak = 400 + random.nextInt(3000);
      for (int s = 0; s < SAMPLES; s++) {
        double load = Math.max(0, Math.sin(Math.PI * s / (SAMPLES - 1.0) + c * 0.2));
        values[s * CHANNELS + c] = (int) Math.min(4095, peak * load + random.nextInt(9));
      }
    }
    frame = new DataFrame(new FrameHeader(0, 0xdeadbeefL, 7), 1, 1_000_000, 240_000, SAMPLES, 0x1234,
        List.of(new SampleBlock(BlockType.PRESSURE, encoding, CHANNELS, values)));
    encoded = ByteBuffer.wrap(encoder.encode(frame));
    out = ByteBuffer.allocate(encoder.encodedLength(frame));
  }

  @Benchmark
  @OperationsPerInvocation(VALUES)
  public int decode() {
    if (decoder.decode(encoded, 0, encoded.limit(), view) != DecodeStatus.OK) {
      throw new IllegalStateException();
    }
    return view.block(0).value(SAMPLES - 1, CHANNELS - 1);
  }

  @Benchmark
  @OperationsPerInvocation(VALUES)
  public int encode() {
    return encoder.encode(frame, out, 0);
  }
}
