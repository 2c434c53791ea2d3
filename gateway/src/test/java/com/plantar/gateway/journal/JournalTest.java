package com.plantar.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.protocol.MessageType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;

  private JournalConfig config(int segmentBytes, long maxBytes) {
    return new JournalConfig(dir, Duration.ofMillis(2), segmentBytes, maxBytes, 10_000);
  }

  static AcceptedFrame frame(long seq, int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (seq * 7 + i);
    }
    return new AcceptedFrame("clinic-é", 0xdeadbeefL + seq % 3, 7, MessageType.DATA, seq, 1, 1_764_000_000_000_000L + seq, bytes);
  }

  private static List<JournalRecord> readAll(Journal journal, long from) throws IOException {
    List<JournalRecord> records = new ArrayList<>();
    journal.read(from, records::add);
    return records;
  }

  @Test
  void appendCompletesAfterTheRecordIsOnDiskAndReadsBackIdentical() throws Exception {
    try (Journal journal = Journal.open(JournalConfig.defaults(dir))) {
      journal.append(frame(0, 100)).toCompletableFuture().get();
      journal.append(frame(1, 300)).toCompletableFuture().get();

      List<JournalRecord> records = readAll(journal, 0);
      assertThat(records).extracting(JournalRecord::index).containsExactly(0L, 1L);
      assertThat(records.get(1).frame().bytes()).isEqualTo(frame(1, 300).bytes());
      assertThat(records.get(1).frame()).usingRecursiveComparison().isEqualTo(frame(1, 300));
    }
  }

  @Test
  void everyAcknowledgedRecordSurvivesAReopen() throws Exception {
    try (Journal journal = Journal.open(config(1 << 16, 1L << 30))) {
      ExecutorService writers = Executors.newFixedThreadPool(4);
      List<CompletableFuture<Void>> appends = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        int seq = i;
        appends.add(CompletableFuture.supplyAsync(() -> journal.append(frame(seq, 50 + seq % 200)), writers)
            .thenCompose(stage -> stage));
      }
      CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get();
      writers.shutdown();
    }
    assertThat(Journal.segments(dir)).hasSizeGreaterThan(3);

    try (Journal reopened = Journal.open(config(1 << 16, 1L << 30))) {
      List<JournalRecord> records = readAll(reopened, 0);
      assertThat(records).hasSize(2000);
      assertThat(records).extracting(r -> r.frame().seq()).doesNotHaveDuplicates();
      assertThat(reopened.durableIndex()).isEqualTo(2000);
    }
  }

  @Test
  void tornTailIsCutAndWritingContinuesAfterTheLastGoodRecord() throws Exception {
    try (Journal journal = Journal.open(JournalConfig.defaults(dir))) {
      for (int i = 0; i < 3; i++) {
        journal.append(frame(i, 64)).toCompletableFuture().get();
      }
    }
    Path segment = Journal.segments(dir).get(0);
    long good = Files.size(segment);
    // A crash in the middle of the fourth record: half a header and some of its body.
    Files.write(segment, new byte[] {40, 0, 0, 0, 1, 2, 3, 4, 5}, StandardOpenOption.APPEND);

    try (Journal journal = Journal.open(JournalConfig.defaults(dir))) {
      assertThat(Files.size(segment)).isEqualTo(good);
      assertThat(journal.durableIndex()).isEqualTo(3);
      journal.append(frame(3, 64)).toCompletableFuture().get();
      assertThat(readAll(journal, 0)).extracting(JournalRecord::index).containsExactly(0L, 1L, 2L, 3L);
    }
  }

  @Test
  void damagedRecordEndsTheJournalThere() throws Exception {
    try (Journal journal = Journal.open(JournalConfig.defaults(dir))) {
      for (int i = 0; i < 5; i++) {
        journal.append(frame(i, 64)).toCompletableFuture().get();
      }
    }
    Path segment = Journal.segments(dir).get(0);
    long recordBytes = Files.size(segment) / 5;
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {0x55}), 2 * recordBytes + 30);
    }

    try (Journal journal = Journal.open(JournalConfig.defaults(dir))) {
      assertThat(readAll(journal, 0)).extracting(JournalRecord::index).containsExactly(0L, 1L);
    }
  }

  @Test
  void readStartsAtTheAskedIndex() throws Exception {
    try (Journal journal = Journal.open(config(1 << 16, 1L << 30))) {
      for (int i = 0; i < 500; i++) {
        journal.append(frame(i, 300)).toCompletableFuture().get();
      }
      assertThat(readAll(journal, 450)).extracting(JournalRecord::index).first().isEqualTo(450L);
      assertThat(readAll(journal, 450)).hasSize(50);
    }
  }

  @Test
  void checkpointDeletesOnlySegmentsWhollyBelowIt() throws Exception {
    try (Journal journal = Journal.open(config(1 << 16, 1L << 30))) {
      for (int i = 0; i < 1000; i++) {
        journal.append(frame(i, 300)).toCompletableFuture().get();
      }
      int before = Journal.segments(dir).size();
      long sizeBefore = journal.sizeBytes();

      journal.commitCheckpoint(600);

      assertThat(Journal.segments(dir).size()).isLessThan(before);
      assertThat(journal.sizeBytes()).isLessThan(sizeBefore);
      assertThat(readAll(journal, 600)).hasSize(400);
      assertThat(Journal.firstIndexOf(Journal.segments(dir).get(0))).isLessThanOrEqualTo(600);
    }
    try (Journal reopened = Journal.open(config(1 << 16, 1L << 30))) {
      assertThat(reopened.checkpoint()).isEqualTo(600);
      assertThat(reopened.durableIndex()).isEqualTo(1000);
    }
  }

  @Test
  void pastItsBudgetTheJournalRefusesInsteadOfAcknowledging() throws Exception {
    try (Journal journal = Journal.open(config(1 << 16, 1 << 16))) {
      List<Throwable> failures = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        try {
          journal.append(frame(i, 1000)).toCompletableFuture().get();
        } catch (ExecutionException e) {
          failures.add(e.getCause());
        }
      }
      assertThat(failures).isNotEmpty().allMatch(JournalFullException.class::isInstance);
      assertThat(journal.sizeBytes()).isLessThanOrEqualTo(1 << 16);
      assertThat(readAll(journal, 0)).hasSize(100 - failures.size());
    }
  }

  @Test
  void damagedCheckpointIsReportedNotGuessed() throws Exception {
    Journal.open(JournalConfig.defaults(dir)).close();
    Files.write(dir.resolve("checkpoint"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> Journal.open(JournalConfig.defaults(dir))).isInstanceOf(IOException.class)
        .hasMessageContaining("damaged");
  }

  @Test
  void cursorFollowsTheJournalAcrossSegmentsAndOnlySeesDurableRecords() throws Exception {
    try (Journal journal = Journal.open(config(1 << 16, 1L << 30)); JournalCursor cursor = journal.cursor(0)) {
      List<Long> seen = new ArrayList<>();
      assertThat(cursor.poll(100, r -> seen.add(r.index()))).isZero();
      for (int round = 0; round < 5; round++) {
        for (int i = 0; i < 150; i++) {
          journal.append(frame(round * 150 + i, 200)).toCompletableFuture().get();
        }
        while (cursor.poll(64, r -> seen.add(r.index())) > 0) {
          // drain what is durable so far, 64 at a time
        }
        assertThat(seen).hasSize((round + 1) * 150);
      }
      assertThat(Journal.segments(dir).size()).isGreaterThan(2);
      for (int i = 0; i < seen.size(); i++) {
        assertThat(seen.get(i)).isEqualTo(i);
      }
      assertThat(cursor.nextIndex()).isEqualTo(750);
    }
  }

  @Test
  void cursorStartsInTheMiddle() throws Exception {
    try (Journal journal = Journal.open(config(1 << 16, 1L << 30))) {
      for (int i = 0; i < 600; i++) {
        journal.append(frame(i, 200)).toCompletableFuture().get();
      }
      try (JournalCursor cursor = journal.cursor(555)) {
        List<Long> seen = new ArrayList<>();
        while (cursor.poll(1000, r -> seen.add(r.index())) > 0) {
          // drain
        }
        assertThat(seen).first().isEqualTo(555L);
        assertThat(seen).hasSize(45);
      }
    }
  }
}
