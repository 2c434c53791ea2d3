package com.plantar.gateway.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.plantar.gait.FootLayout;
import com.plantar.gait.FootSide;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class HelloParserTest {
  private final HelloParser parser = new HelloParser();

  /** The HELLO example of PROTOCOL.md §8, from the document itself. */
  static String specExample() throws IOException {
    String spec = Files.readString(Path.of("../firmware-protocol/PROTOCOL.md"));
    int section = spec.indexOf("## 8. HELLO");
    int start = spec.indexOf("```json", section) + "```json".length();
    return spec.substring(start, spec.indexOf("```", start));
  }

  @Test
  void readsTheSpecExample() throws Exception {
    InsoleDescription insole = parser.parse(specExample());

    assertThat(insole.side()).isEqualTo(FootSide.LEFT);
    assertThat(insole.configId()).isEqualTo(0x8f3a12c4L);
    assertThat(insole.bootId()).isEqualTo(7);
    assertThat(insole.cells()).hasSize(1);
    FootLayout layout = insole.footLayout();
    assertThat(layout.cells().get(0).xMm()).isEqualTo(0.18 * 96);
    assertThat(layout.cells().get(0).yMm()).isEqualTo(0.93 * 265);
    CellCalibration cal = insole.cells().get(0).calibration();
    assertThat(cal.toKpa(4095)).isZero();
    assertThat(cal.toKpa(1500)).isEqualTo(120f);
    assertThat(cal.toKpa(2250)).isEqualTo(70f);
    assertThat(cal.toKpa(0)).isEqualTo(400f);
  }

  @Test
  void namesTheKeyThatIsWrong() throws Exception {
    String example = specExample();
    assertThatThrownBy(() -> parser.parse(example.replace("\"side\":\"L\"", "\"side\":\"left\"")))
        .isInstanceOf(InvalidHelloException.class).hasMessageStartingWith("side:");
    assertThatThrownBy(() -> parser.parse(example.replace("\"count\":1,", "\"count\":2,")))
        .hasMessageStartingWith("pressure.count:");
    assertThatThrownBy(() -> parser.parse(example.replace("\"x\":0.18", "\"x\":3")))
        .hasMessageStartingWith("pressure.sensors[0].x:");
    assertThatThrownBy(() -> parser.parse(example.replace("\"model\":\"lut\"", "\"model\":\"guess\"")))
        .hasMessageStartingWith("pressure.sensors[0].cal:");
    assertThatThrownBy(() -> parser.parse("[1,2]")).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> parser.parse("{")).hasMessageStartingWith("HELLO is not JSON");
  }

  @Test
  void theAnnouncedBacklogIsReadOnceHereAndIsMinusOneWhenAbsentOrNotACount() throws Exception {
    String example = specExample();
    assertThat(parser.parse(example).announcedBacklogFrames()).isEqualTo(1342);
    assertThat(parser.parse(example.replace("\"frames\":1342", "\"frames\":\"many\"")).announcedBacklogFrames())
        .isEqualTo(-1);
    assertThat(parser.parse(example.replace("\"backlog\"", "\"later\"")).announcedBacklogFrames()).isEqualTo(-1);
  }

  @Test
  void otherCalibrationModels() {
    assertThat(new CellCalibration.Poly(new double[] {-10, 0.5}).toKpa(100)).isEqualTo(40f);
    assertThat(new CellCalibration.Poly(new double[] {-10, 0.5}).toKpa(2)).isZero();
    CellCalibration.DividerPower fsr = new CellCalibration.DividerPower(10_000, 2e6, -1.0, 4095);
    assertThat(fsr.toKpa(4095)).isZero();
    assertThat(fsr.toKpa(2047)).isCloseTo(200f, Offset.offset(0.5f));
  }
}
