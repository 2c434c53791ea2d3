package com.plantar.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal on a disk that fills up: a 1 MiB tmpfs mounted for the test (a real full disk, with
 * the torn write it leaves; it needs root and leave to mount, and is skipped where that is missing).
 */
class JournalDiskFullIT {
  private static final int FRAME_BYTES = 3_000;

  @TempDir Path dir;
  private Path disk;
  private boolean mounted;

  @BeforeEach
  void mountASmallDisk() throws Exception {
    disk = Files.createDirectory(dir.resolve("disk"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.toString())
        .redirectErrorStream(true).start();
    String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    mounted = mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0;
    assumeTrue(mounted, "cannot mount a tmpfs here: " + output.strip());
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      // Lazy: segments the journal read through a memory map stay mapped until they are collected.
      new ProcessBuilder("umount", "--lazy", disk.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Appends in batches until the disk is full, frees space, appends again. Before, the failed batch
   * left its torn record in the segment and its indexes used: processing stopped at the torn record,
   * and reopening cut off everything after it, acknowledged records included.
   */
  @Test
  void aWriteThatFillsTheDiskIsCutOffAndEveryAcknowledgedRecordIsReadBack() throws Exception {
    Path filler = Files.write(disk.resolve("filler"), new byte[600 << 10]);
    JournalConfig config = new JournalConfig(disk.resolve("journal"), Duration.ofMillis(20), 1 << 16, 1L << 30,
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

      Files.delete(filler);
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
