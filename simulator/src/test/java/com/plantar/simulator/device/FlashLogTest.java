package com.plantar.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlashLogTest {
  private static byte[] frame(int size) {
    return new byte[size];
  }

  @Test
  void ackFreesFramesBelowNextSeqAndInRangesOfThatBootOnly() {
    FlashLog flash = new FlashLog(10_000);
    for (long seq = 0; seq < 10; seq++) {
      flash.appendData(1, seq, frame(100));
      flash.appendData(2, seq, frame(100));
    }
    int freed = flash.acknowledge(1, 4, List.of(new long[] {6, 2}));
    assertThat(freed).isEqualTo(6);
    assertThat(flash.contains(1, 3)).isFalse();
    assertThat(flash.contains(1, 4)).isTrue();
    assertThat(flash.contains(1, 6)).isFalse();
    assertThat(flash.contains(1, 7)).isFalse();
    assertThat(flash.contains(1, 8)).isTrue();
    assertThat(flash.contains(2, 0)).isTrue();
    assertThat(flash.dataFrames()).isEqualTo(14);
    assertThat(flash.usedBytes()).isEqualTo(1400);
  }

  @Test
  void fullFlashRefusesNewFramesAndKeepsTheOldest() {
    FlashLog flash = new FlashLog(250);
    assertThat(flash.appendData(1, 0, frame(100))).isTrue();
    assertThat(flash.appendData(1, 1, frame(100))).isTrue();
    assertThat(flash.appendData(1, 2, frame(100))).isFalse();
    assertThat(flash.refused()).isEqualTo(1);
    assertThat(flash.oldestData().seq()).isZero();
    flash.acknowledge(1, 1, List.of());
    assertThat(flash.appendData(1, 2, frame(100))).isTrue();
  }

  @Test
  void nackQueuesOnlyFramesStillInFlashInTheirOrder() {
    FlashLog flash = new FlashLog(10_000);
    for (long seq = 0; seq < 5; seq++) {
      flash.appendData(7, seq, frame(10));
    }
    flash.acknowledge(7, 0, List.of(new long[] {2, 1}));
    assertThat(flash.requestResend(7, List.of(new long[] {1, 3}))).isEqualTo(2);
    assertThat(flash.pollResend().seq()).isEqualTo(1);
    assertThat(flash.pollResend().seq()).isEqualTo(3);
    assertThat(flash.pollResend()).isNull();
  }

  @Test
  void anchorsStayInOrderAndAreFreedByPosition() {
    FlashLog flash = new FlashLog(10_000);
    flash.appendData(1, 0, frame(10));
    long anchorPosition = flash.nextPosition();
    flash.appendAnchor(1, frame(21));
    flash.appendData(1, 1, frame(10));
    assertThat(flash.oldestFrom(1).isData()).isFalse();
    flash.freeEntry(anchorPosition);
    assertThat(flash.oldestFrom(1).seq()).isEqualTo(1);
    assertThat(flash.usedBytes()).isEqualTo(20);
  }
}
