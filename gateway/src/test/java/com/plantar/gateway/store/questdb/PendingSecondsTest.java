package com.plantar.gateway.store.questdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.questdb.std.LongList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingSecondsTest {
  private static String sorted(PendingSeconds pending) {
    LongList list = new LongList();
    pending.sortedInto(list);
    return list.toString();
  }

  @Test
  void persistedSecondsAreThereAfterReopeningOnceEachAndUnpersistedOnesAreNot(@TempDir Path dir) {
    Path file = dir.resolve("p");
    try (PendingSeconds pending = new PendingSeconds(file)) {
      pending.add(20);
      pending.add(10);
      pending.add(20);
      pending.persist();
      pending.add(10);
      pending.add(30);
      pending.persist();
      pending.add(40);
      assertThat(sorted(pending)).isEqualTo("[10,20,30,40]");
    }
    try (PendingSeconds pending = new PendingSeconds(file)) {
      assertThat(sorted(pending)).isEqualTo("[10,20,30]");
    }
  }

  @Test
  void aTornLastEntryIsIgnoredAndClearEmptiesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p");
    try (PendingSeconds pending = new PendingSeconds(file)) {
      pending.add(7);
      pending.persist();
    }
    Files.write(file, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
    try (PendingSeconds pending = new PendingSeconds(file)) {
      assertThat(sorted(pending)).isEqualTo("[7]");
      pending.add(8);
      pending.persist();
    }
    try (PendingSeconds pending = new PendingSeconds(file)) {
      assertThat(sorted(pending)).isEqualTo("[7,8]");
      pending.clear();
      assertThat(pending.isEmpty()).isTrue();
      assertThat(Files.size(file)).isZero();
    }
    try (PendingSeconds pending = new PendingSeconds(file)) {
      assertThat(pending.isEmpty()).isTrue();
    }
  }
}
