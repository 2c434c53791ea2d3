package com.plantar.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.protocol.SeqRange;
import org.junit.jupiter.api.Test;

class SeqWindowTest {
  private final SeqWindow window = new SeqWindow();

  @Test
  void contiguousFramesAdvanceNext() {
    window.markDurable(0);
    window.markDurable(1);
    assertThat(window.next()).isEqualTo(2);
    assertThat(window.ranges(255)).isEmpty();
  }

  @Test
  void holeKeepsLaterFramesAsRangesUntilFilled() {
    window.markDurable(0);
    window.markDurable(2);
    window.markDurable(3);
    window.markDurable(7);
    assertThat(window.next()).isEqualTo(1);
    assertThat(window.ranges(255)).containsExactly(new SeqRange(2, 2), new SeqRange(7, 1));
    assertThat(window.isDurable(3)).isTrue();
    assertThat(window.isDurable(4)).isFalse();

    window.markDurable(1);
    assertThat(window.next()).isEqualTo(4);
    assertThat(window.ranges(255)).containsExactly(new SeqRange(7, 1));
  }

  @Test
  void frameBeyondTheWindowIsNotTracked() {
    assertThat(window.markDurable(SeqWindow.WINDOW)).isFalse();
    assertThat(window.isDurable(SeqWindow.WINDOW)).isFalse();
    assertThat(window.markDurable(SeqWindow.WINDOW - 1)).isTrue();
  }

  @Test
  void windowWrapsAroundItsRing() {
    for (long seq = 0; seq < 3 * SeqWindow.WINDOW; seq++) {
      window.markDurable(seq);
    }
    assertThat(window.next()).isEqualTo(3L * SeqWindow.WINDOW);
    window.markDurable(3L * SeqWindow.WINDOW + 5);
    assertThat(window.ranges(255)).containsExactly(new SeqRange(3L * SeqWindow.WINDOW + 5, 1));
  }

  @Test
  void lastSeqOfABootCanBeAcknowledged() {
    SeqWindow high = new SeqWindow();
    for (long seq = 0; seq <= 10; seq++) {
      high.markDurable(seq);
    }
    assertThat(high.next()).isEqualTo(11);
  }
}
