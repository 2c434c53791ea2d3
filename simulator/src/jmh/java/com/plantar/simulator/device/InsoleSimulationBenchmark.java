package com.plantar.simulator.device;

import com.plantar.simulator.model.GaitParameters;
import com.plantar.simulator.model.Side;
import com.plantar.simulator.model.StanceProfiles;
import com.plantar.simulator.model.WearerGait;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * CPU cost of simulating one connected insole for one second of its life at 100 Hz, 25 samples per
 * frame, 16 cells: gait model, ADC, DELTA encoding, flash log, live publish (to an uplink that
 * drops the bytes) and an ACK every 4 frames, in 10 ms ticks as a fleet shard runs it. The fleet's
 * capacity per core is about 1 s divided by this time. MQTT client costs are not included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InsoleSimulationBenchmark {
  @Param({"moticon16", "gaitpdb8"})
  public String layout;

  private InsoleFirmware firmware;
  private long nowUs;

  /** Accepts every publish and completes QoS 1 at once. */
  private static final class DiscardingUplink implements Uplink {
    Blackhole sink;

    @Override
    public boolean isOnline() {
      return true;
    }

    @Override
    public boolean publishQos0(String suffix, byte[] payload) {
      sink.consume(payload);
      return true;
    }

    @Override
    public boolean publishQos1(String suffix, byte[] payload, boolean retain, Runnable onDelivered) {
      sink.consume(payload);
      onDelivered.run();
      return true;
    }

    @Override
    public int freeWindow() {
      return 16;
    }
  }

  private final DiscardingUplink uplink = new DiscardingUplink();
  private final com.plantar.protocol.FrameEncoder encoder = new com.plantar.protocol.FrameEncoder();

  @Setup(Level.Trial)
  public void setUp(Blackhole blackhole) {
    uplink.sink = blackhole;
    WearerGait gait = new WearerGait(GaitParameters.typical(), StanceProfiles.load(layout), 1);
    firmware = new InsoleFirmware(new VirtualInsole(InsoleConfig.typical(1, Side.LEFT, 1), gait),
        DeviceBehaviour.typical(), 1, 0, new DeviceCounters());
    firmware.attach(uplink);
    firmware.onConnected(0);
  }

  @Benchmark
  public void oneInsoleSecond() {
    for (int tick = 0; tick < 100; tick++) {
      nowUs += 10_000;
      firmware.tick(nowUs);
    }
    long next = firmware.nextSeq();
    byte[] ack = encoder.encode(new com.plantar.protocol.Ack(
        new com.plantar.protocol.FrameHeader(0, 1, firmware.clock().bootId()), next, java.util.List.of()));
    firmware.onControl("ack", ack, nowUs);
  }
}
