package com.plantar.gateway.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gait.FootSide;
import com.plantar.gait.GaitConfig;
import com.plantar.gait.GaitEngine;
import com.plantar.gait.GaitListener;
import com.plantar.gait.Stride;
import com.plantar.gait.recording.Recording;
import com.plantar.gait.recording.RecordingReplay;
import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.timing.TimeQuality;
import com.plantar.protocol.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A real walk (gaitpdb, recorded by others) sent as an insole pair would send it: HELLO, ANCHOR and
 * DATA frames of raw counts. Processing must find the same strides as the gait engine fed the
 * recording directly, at the right UTC times.
 */
class FrameProcessorTest {
  private static final long BOOT_UTC_US = WalkFrames.BOOT_UTC_US;

  private static Recording walk() throws Exception {
    return WalkFrames.walk();
  }

  @Test
  void framesOfARealWalkGiveTheStridesOfTheRecordingAtUtcTimes() throws Exception {
    Recording walk = walk();
    List<Stride> direct = new ArrayList<>();
    GaitEngine engine = new GaitEngine(GaitConfig.defaults(), walk.left().layout(), walk.right().layout(),
        new GaitListener() {
          @Override
          public void onStride(Stride stride) {
            direct.add(stride);
          }
        });
    RecordingReplay.feed(walk, engine);

    List<Stride> processed = new ArrayList<>();
    List<TimeQuality> qualities = new ArrayList<>();
    GaitOutput output = new GaitOutput() {
      @Override
      public void onSamples(WearerRef wearer, long deviceId, FootSide foot, long[] utcUs, int[] counts, int cells,
          TimeQuality quality) {
        if (qualities.isEmpty()) {
          qualities.add(quality);
        }
      }

      @Override
      public void onStride(WearerRef wearer, Stride stride) {
        assertThat(wearer.wearerId()).isEqualTo("pair-1");
        processed.add(stride);
      }
    };
    FrameProcessor processor = new FrameProcessor(output, GaitConfig.defaults());
    for (AcceptedFrame frame : WalkFrames.of(walk)) {
      processor.process(frame, new WearerRef(frame.tenant(), "pair-1"));
    }
    processor.finish();

    assertThat(processor.counters().dataWithoutHello()).isZero();
    assertThat(processor.counters().invalidHellos()).isZero();
    assertThat(qualities).containsExactly(TimeQuality.ANCHORED);
    assertThat(direct).hasSizeGreaterThan(100);
    assertThat(processed).hasSizeBetween(direct.size() - 2, direct.size() + 2);
    // Same heel strikes, now in UTC: matched within one sample (10 ms) for almost all strides.
    int matched = 0;
    for (Stride stride : direct) {
      long expected = BOOT_UTC_US + stride.initialContactMicros();
      boolean found = processed.stream().anyMatch(p -> p.foot() == stride.foot()
          && Math.abs(p.initialContactMicros() - expected) <= 10_000);
      matched += found ? 1 : 0;
    }
    System.out.printf(Locale.ROOT, "gaitpdb GaCo01_01 through frames: %d strides direct, %d processed, %d matched%n",
        direct.size(), processed.size(), matched);
    assertThat(matched).isGreaterThanOrEqualTo(direct.size() - 2);
  }

  @Test
  void dataBeforeAnyHelloIsCountedNotGuessed() throws Exception {
    List<AcceptedFrame> frames = WalkFrames.of(walk());
    FrameProcessor processor = new FrameProcessor(GaitOutput.NONE, GaitConfig.defaults());
    frames.stream().filter(f -> f.type() == MessageType.DATA).limit(10)
        .forEach(f -> processor.process(f, WearerDirectory.EACH_DEVICE.wearerOf(f.tenant(), f.deviceId())));
    assertThat(processor.counters().dataWithoutHello()).isEqualTo(10);
    assertThat(processor.counters().samples()).isZero();
  }

}
