package com.plantar.gait;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-sample cost of the engine, one thread: a single total-force channel (as gaitndd) and 16
 * pressure cells (as a Moticon insole), both feet walking at 100 Hz. One operation is one sample;
 * run with {@code -prof gc} to see the allocation per sample: the walking benchmarks allocate only
 * the records of completed strides (about 1 KB per stride, i.e. a few bytes per sample on
 * average); {@link #sixteenCellsStanding}, where no stride completes, shows the per-sample path
 * itself allocates nothing.
 *
 * <pre>scripts/bench gait -f 1 -wi 3 -i 5 -prof gc GaitEngineBenchmark</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class GaitEngineBenchmark {

  private static final int SAMPLES = 11_000; // 10 strides of 1.1 s per foot at 100 Hz
  private static final int CELLS = 16;
  private static final long SAMPLE_MICROS = 10_000;
  /** A mid-stance sample: both feet loaded and steady. */
  private static final int STANDING_SAMPLE = 30;

  private final float[][] force = new float[2][SAMPLES];
  private final float[][][] cells = new float[2][SAMPLES][CELLS];
  private GaitEngine singleChannel;
  private GaitEngine sixteenCells;
  private GaitEngine standing;
  private long offset;

  @Setup(Level.Trial)
  public void setUp() {
    List<FootLayout.Cell> layoutCells = new ArrayList<>();
    for (int i = 0; i < CELLS; i++) {
      layoutCells.add(new FootLayout.Cell(20 + 20 * (i % 4), 15 + 17 * i, 400));
    }
    FootLayout layout = new FootLayout(layoutCells, CellUnit.KILOPASCAL);
    for (int foot = 0; foot < 2; foot++) {
      for (int i = 0; i < SAMPLES; i++) {
        double t = i * 0.01 - foot * 0.55;
        double u = ((t % 1.1) + 1.1) % 1.1 / 0.66;
        double f = u > 1 ? 0
            : 700 * (0.9 * Math.sin(Math.PI * u) + 0.25 * Math.sin(3 * Math.PI * u));
        force[foot][i] = (float) f;
        for (int c = 0; c < CELLS; c++) {
          double w = Math.exp(-0.5 * Math.pow((c / 15.0 - Math.min(u, 1)) * 4, 2));
          cells[foot][i][c] = (float) (f * w / 4 / (400 * 1e-3));
        }
      }
    }
    singleChannel = new GaitEngine(GaitConfig.defaults(), null, null, GaitListener.NONE);
    sixteenCells = new GaitEngine(GaitConfig.defaults(), layout, layout, GaitListener.NONE);
    standing = new GaitEngine(GaitConfig.defaults(), layout, layout, GaitListener.NONE);
  }

  @Benchmark
  @OperationsPerInvocation(2 * SAMPLES)
  public void singleChannel() {
    long base = offset;
    for (int i = 0; i < SAMPLES; i++) {
      long t = base + i * SAMPLE_MICROS;
      singleChannel.acceptForce(FootSide.LEFT, t, force[0][i], false);
      singleChannel.acceptForce(FootSide.RIGHT, t, force[1][i], false);
    }
    offset = base + SAMPLES * SAMPLE_MICROS;
  }

  @Benchmark
  @OperationsPerInvocation(2 * SAMPLES)
  public void sixteenCellsStanding() {
    long base = offset;
    for (int i = 0; i < SAMPLES; i++) {
      long t = base + i * SAMPLE_MICROS;
      standing.acceptCells(FootSide.LEFT, t, cells[0][STANDING_SAMPLE], false);
      standing.acceptCells(FootSide.RIGHT, t, cells[0][STANDING_SAMPLE], false);
    }
    offset = base + SAMPLES * SAMPLE_MICROS;
  }

  @Benchmark
  @OperationsPerInvocation(2 * SAMPLES)
  public void sixteenCells() {
    long base = offset;
    for (int i = 0; i < SAMPLES; i++) {
      long t = base + i * SAMPLE_MICROS;
      sixteenCells.acceptCells(FootSide.LEFT, t, cells[0][i], false);
      sixteenCells.acceptCells(FootSide.RIGHT, t, cells[1][i], false);
    }
    offset = base + SAMPLES * SAMPLE_MICROS;
  }
}
