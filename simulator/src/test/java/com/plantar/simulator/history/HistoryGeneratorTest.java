package com.plantar.simulator.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.protocol.BlockType;
import com.plantar.protocol.CompatFlags;
import com.plantar.protocol.DataBlock;
import com.plantar.protocol.FrameDecoder;
import com.plantar.protocol.FrameView;
import com.plantar.protocol.MessageType;
import com.plantar.simulator.device.LutCalibration;
import com.plantar.simulator.model.GaitParameters;
import com.plantar.simulator.model.SensorLayout;
import com.plantar.simulator.model.StanceProfiles;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryGeneratorTest {
  private static final long LEFT = 0x77L;
  private static final long RIGHT = 0x78L;
  private static final LocalDate FROM = LocalDate.of(2026, 10, 1);

  private final List<HistoryFrame> frames = new ArrayList<>();

  private HistoryRequest request() {
    GaitParameters before = GaitParameters.typical().withPronation(0.7);
    GaitParameters after = GaitParameters.typical();
    return new HistoryRequest(LEFT, RIGHT, FROM, FROM.plusDays(4), ZoneId.of("UTC"),
        List.of(LocalTime.of(9, 0), LocalTime.of(18, 0)), Duration.ofMinutes(1), before,
        List.of(new HistoryRequest.ProfileChange(FROM.plusDays(2), after)), "moticon16", 100, 25, 30, 5);
  }

  @Test
  void eachDayIsABootWithHelloAnchorsPerWalkAndBacklogFramesThatTheAnchorsPutAtTheRightTime() {
    long perDevice = new HistoryGenerator().generate(request(), frames::add);
    assertThat(perDevice).isEqualTo(4 * 2 * 60 * 4);

    FrameDecoder decoder = new FrameDecoder();
    Map<Long, FrameView> lastAnchor = new HashMap<>();
    Map<Long, Long> nextSeq = new HashMap<>();
    Map<Long, Long> boot = new HashMap<>();
    int hellos = 0;
    for (HistoryFrame frame : frames) {
      FrameView view = new FrameView();
      assertThat(decoder.decode(frame.frame(), 0, frame.frame().length, view).isOk()).isTrue();
      assertThat(view.deviceId()).isEqualTo(frame.deviceId());
      switch (frame.suffix()) {
        case "hello" -> {
          hellos++;
          assertThat(view.type()).isEqualTo(MessageType.HELLO);
          boot.put(view.deviceId(), view.bootId());
          nextSeq.put(view.deviceId(), 0L);
        }
        case "anchor" -> {
          assertThat(view.type()).isEqualTo(MessageType.ANCHOR);
          assertThat(view.bootId()).isEqualTo(boot.get(view.deviceId()));
          assertThat(view.utcUs()).isEqualTo(micros(frame.at()));
          lastAnchor.put(view.deviceId(), view);
        }
        default -> {
          assertThat(frame.suffix()).isEqualTo("sync");
          assertThat(view.hasFlag(CompatFlags.BACKLOG)).isTrue();
          assertThat(view.bootId()).isEqualTo(boot.get(view.deviceId()));
          assertThat(view.seq()).isEqualTo(nextSeq.merge(view.deviceId(), 1L, Long::sum) - 1);
          FrameView anchor = lastAnchor.get(view.deviceId());
          long mappedUtc = anchor.utcUs() + (view.firstSampleUs() - anchor.monoUs());
          // Within a 1-minute walk a 30 ppm clock is off by at most ~2 ms against the anchor.
          assertThat(Math.abs(mappedUtc - micros(frame.at()))).isLessThan(3_000);
        }
      }
    }
    assertThat(hellos).isEqualTo(8);
    assertThat(boot).containsEntry(LEFT, 4L).containsEntry(RIGHT, 4L);
  }

  @Test
  void profileChangeOnItsDateShowsInTheData() {
    new HistoryGenerator().generate(request(), frames::add);
    Instant change = FROM.plusDays(2).atStartOfDay(ZoneId.of("UTC")).toInstant();
    double before = meanCopX(f -> f.at().isBefore(change));
    double after = meanCopX(f -> !f.at().isBefore(change));
    // Pronation (before) loads the medial, negative-x side; the orthotic brings it back.
    assertThat(after).isGreaterThan(before + 0.02);
  }

  private double meanCopX(java.util.function.Predicate<HistoryFrame> which) {
    SensorLayout layout = StanceProfiles.moticon16().layout();
    LutCalibration calibration = LutCalibration.fsr(600);
    FrameDecoder decoder = new FrameDecoder();
    FrameView view = new FrameView();
    double moment = 0;
    double total = 0;
    for (HistoryFrame frame : frames) {
      if (!frame.suffix().equals("sync") || frame.deviceId() != LEFT || !which.test(frame)) {
        continue;
      }
      decoder.decode(frame.frame(), 0, frame.frame().length, view);
      DataBlock pressure = view.block(BlockType.PRESSURE);
      for (int s = 0; s < view.sampleCount(); s++) {
        for (int c = 0; c < layout.cellCount(); c++) {
          double force = calibration.toKpa(pressure.value(s, c)) * layout.cell(c).areaMm2();
          moment += force * layout.cell(c).x();
          total += force;
        }
      }
    }
    return moment / total;
  }

  private static long micros(Instant at) {
    return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
  }
}
