package com.plantar.gait.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.plantar.gait.CellUnit;
import com.plantar.gait.FootSide;
import com.plantar.gait.GaitConfig;
import com.plantar.gait.GaitEngine;
import com.plantar.gait.GaitListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingsTest {

  @TempDir Path tmp;

  private static Path shared(String sub) {
    return Path.of(System.getProperty("plantar.sharedData")).resolve(sub);
  }

  @Test
  void detectsEveryFormatOfTheSharedRecordings() throws Exception {
    assertThat(Recordings.detect(shared("gaitndd/control1"))).isEqualTo(RecordingFormat.GAITNDD);
    assertThat(Recordings.detect(shared("gaitndd/control1.hea"))).isEqualTo(RecordingFormat.GAITNDD);
    assertThat(Recordings.detect(shared("gaitpdb/GaCo01_01.txt"))).isEqualTo(RecordingFormat.GAITPDB);
    assertThat(Recordings.detect(shared("moticon/230927_102114.txt")))
        .isEqualTo(RecordingFormat.MOTICON);
  }

  @Test
  void readsAGaitnddRecordAsTwoFiveMinuteChannels() throws Exception {
    Recording r = Recordings.read(shared("gaitndd/control1"), null);
    assertThat(r.name()).isEqualTo("control1");
    assertThat(r.forceUnit()).isEqualTo("adc");
    assertThat(r.left().size()).isEqualTo(90_000);
    assertThat(r.right().size()).isEqualTo(90_000);
    // The header's "initial value" of each signal is its first sample (ADC zero is 0 here).
    assertThat(r.left().totalForce()[0]).isEqualTo(503);
    assertThat(r.right().totalForce()[0]).isEqualTo(-157);
    assertThat(r.durationMicros()).isBetween(299_990_000L, 300_000_000L);
  }

  @Test
  void recoversTheMoticonCellLayoutFromTheVendorsForceAndCentreOfPressure() throws Exception {
    Recording r = MoticonReader.read(shared("moticon/230927_102137.txt"));
    var layout = r.left().layout();
    assertThat(layout.unit()).isEqualTo(CellUnit.KILOPASCAL);
    assertThat(layout.size()).isEqualTo(16);
    assertThat(layout.hasAreas()).isTrue();
    // Cells 1-2 sit under the heel, 14-16 under the toes (insole size 7: 280 mm long).
    assertThat(layout.cells().get(0).yMm()).isLessThan(50);
    assertThat(layout.cells().get(15).yMm()).isGreaterThan(230);
    assertThat(layout.cells()).allSatisfy(c -> assertThat(c.areaMm2()).isBetween(300.0, 2500.0));
  }

  @Test
  void readsTheMoticonVendorEvents() throws Exception {
    MoticonExport e = MoticonReader.readExport(shared("moticon/230927_102114.txt"));
    assertThat(e.events()).filteredOn(v -> v.foot() == FootSide.LEFT
        && v.kind() == MoticonExport.EventKind.INITIAL_CONTACT).hasSize(7)
        .first().satisfies(v -> assertThat(v.micros()).isEqualTo(3_000_000));
  }

  @Test
  void aBrokenCsvIsATypedErrorNamingTheLine() throws Exception {
    Path bad = tmp.resolve("bad.csv");
    Files.writeString(bad, "time_s,left_force,right_force\n0.0,1,2\n0.01,x,2\n");
    assertThatThrownBy(() -> Recordings.read(bad, null))
        .isInstanceOf(RecordingException.class).hasMessageContaining("line 3");
    Path unknown = tmp.resolve("unknown.txt");
    Files.writeString(unknown, "hello\n");
    assertThatThrownBy(() -> Recordings.read(unknown, null))
        .isInstanceOf(RecordingException.class).hasMessageContaining("unknown recording format");
    assertThatThrownBy(() -> Recordings.read(tmp.resolve("absent"), null))
        .isInstanceOf(RecordingException.class).hasMessageContaining("no such file");
    assertThatThrownBy(() -> Recordings.read(tmp, null))
        .isInstanceOf(RecordingException.class).hasMessageContaining("is a directory");
  }

  @Test
  void replayPassesTheSourcesGapFlagsToTheEngine() {
    long[] t = {0, 10_000, 20_000, 30_000};
    FootRecording foot = new FootRecording(t, new float[] {1, 2, 3, 4}, null, null,
        new boolean[] {false, false, true, false});
    GaitEngine engine = new GaitEngine(GaitConfig.defaults(), null, null, GaitListener.NONE);
    RecordingReplay.feed(new Recording("x", RecordingFormat.CSV, "N", foot, null), engine);
    assertThat(engine.counters().gaps()).isEqualTo(1);
    assertThat(engine.counters().acceptedSamples()).isEqualTo(4);
  }

  @Test
  void configRejectsThresholdsInTheWrongOrder() {
    GaitConfig d = GaitConfig.defaults();
    assertThatThrownBy(() -> new GaitConfig(d.weightKg(), 0.1, 0.2, d.initialContactLevel(),
        d.toeOffLevel(), d.edgeWindowMicros(), d.floorSearchMicros(), d.minStanceMicros(),
        d.maxStanceMicros(), d.maxStrideMicros(), d.maxSampleGapMicros(),
        d.envelopeAdaptation(), d.windowMicros(), d.boutEndMicros(), d.minBoutStrides(),
        d.standingMinMicros(), d.hotSpotKilopascal(), d.hotSpotDwellMicros(),
        d.asymmetryAlertPercent(), d.asymmetryAlertWindows()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withWeightKg(-3)).isInstanceOf(IllegalArgumentException.class);
  }
}
