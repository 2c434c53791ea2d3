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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
   * Appends more than fits in one group commit, frees space, appends again. Before, the failed batch
   * left its torn record in the segment and its indexes used (processing stopped at the torn record,
   * and reopening cut off everything after it, acknowledged records included), and the appends after
   * the failure point were never completed (their publishes never got a PUBACK).
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
      // One group commit of 600 KB where 400 KB are free: it fails in the middle, at a segment's end.
      List<CompletableFuture<Void>> batch = new ArrayList<>();
      for (int k = 0; k < 200; k++) {
        batch.add(journal.append(JournalTest.frame(seq + k, FRAME_BYTES)).toCompletableFuture());
      }
      List<Throwable> refusals = new ArrayList<>();
      for (int k = 0; k < batch.size(); k++) {
        try {
          batch.get(k).get(10, TimeUnit.SECONDS);
          acknowledged.add(seq + k);
        } catch (ExecutionException e) {
          refusals.add(e.getCause());
        } catch (TimeoutException e) {
          throw new AssertionError("append " + (seq + k) + " never completed", e);
        }
      }
      seq += batch.size();
      assertThat(refusals).as("appends that found the disk full").isNotEmpty()
          .allSatisfy(f -> assertThat(f).isInstanceOf(IOException.class).isNotInstanceOf(JournalFullException.class));

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
