package com.plantar.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gateway.testing.SmallDisk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal on a disk that fills up: a 1 MiB tmpfs ({@link SmallDisk}; skipped where it cannot be
 * mounted).
 */
class JournalDiskFullIT {
  private static final int FRAME_BYTES = 3_000;

  @TempDir Path dir;

  /**
   * Appends in batches until the disk is full, frees space, appends again. Before, the failed batch
   * left its torn record in the segment and its indexes used: processing stopped at the torn record,
   * and reopening cut off everything after it, acknowledged records included.
   */
  @Test
  void aWriteThatFillsTheDiskIsCutOffAndEveryAcknowledgedRecordIsReadBack() throws Exception {
    try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "1m")) {
      disk.occupy(600 << 10);
      appendUntilFullThenFreeAndAppendAgain(disk);
    }
  }

  private static void appendUntilFullThenFreeAndAppendAgain(SmallDisk disk) throws Exception {
    JournalConfig config = new JournalConfig(disk.root().resolve("journal"), Duration.ofMillis(20), 1 << 16, 1L << 30,
        10_000);
    List<Long> acknowledged = new ArrayList<>();
    long seq = 0;
    try (Journal journal = Journal.open(config)) {
      Throwable full = null;
      while (full == null && seq < 1_000) {
        List<CompletableFuture<Void>> batch = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
          batch.add(journal.append(JournalTest.frame(seq + k, FRAME_BYTES)).toCompletableFuture());
        }
        for (int k = 0; k < batch.size(); k++) {
          try {
            batch.get(k).join();
            acknowledged.add(seq + k);
          } catch (CompletionException e) {
            full = e.getCause();
          }
        }
        seq += batch.size();
      }
      assertThat(full).as("a write that found the disk full").isInstanceOf(IOException.class)
          .isNotInstanceOf(JournalFullException.class);

      disk.free();
      for (int k = 0; k < 20; k++, seq++) {
        journal.append(JournalTest.frame(seq, FRAME_BYTES)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        acknowledged.add(seq);
      }
      List<Long> followed = new ArrayList<>();
      try (JournalCursor cursor = journal.cursor(0)) {
        while (cursor.poll(100, r -> followed.add(r.frame().seq())) > 0) {
          // reads on until it has caught up
        }
      }
      assertThat(followed).as("what processing reads").containsExactlyElementsOf(acknowledged);
    }
    try (Journal reopened = Journal.open(config)) {
      List<JournalRecord> records = new ArrayList<>();
      reopened.read(0, records::add);
      assertThat(records).extracting(r -> r.frame().seq()).as("what a restart reads")
          .containsExactlyElementsOf(acknowledged);
      assertThat(records).extracting(JournalRecord::index).as("indexes without a hole")
          .containsExactlyElementsOf(Stream.iterate(0L, i -> i + 1).limit(acknowledged.size()).toList());
    }
    try (Stream<Path> files = Files.list(config.directory())) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".damaged"));
    }
  }
}
