package com.plantar.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.auth.InsoleTopic;
import com.plantar.gateway.journal.Journal;
import com.plantar.gateway.journal.JournalConfig;
import com.plantar.protocol.Ack;
import com.plantar.protocol.BlockType;
import com.plantar.protocol.CompatFlags;
import com.plantar.protocol.DataFrame;
import com.plantar.protocol.Encoding;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.SampleBlock;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest path on the real journal: what is acknowledged is in the journal, after a reopen too. */
class IngestIntoJournalTest {
  @TempDir Path dir;

  @Test
  void acknowledgedFramesAreInTheJournalAfterAReopen() throws Exception {
    FrameEncoder encoder = new FrameEncoder();
    InsoleTopic sync = InsoleTopic.parse("insole/v1/clinic/00000000000000aa/sync").orElseThrow();
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    List<byte[]> frames = new ArrayList<>();
    for (int seq = 0; seq < 20; seq++) {
      int[] values = new int[16 * 25];
      for (int i = 0; i < values.length; i++) {
        values[i] = (seq + i) % 4096;
      }
      byte[] frame = encoder.encode(new DataFrame(new FrameHeader(CompatFlags.BACKLOG, 0xaa, 2), seq,
          seq * 250_000L, 240_000, 25, 1, List.of(new SampleBlock(BlockType.PRESSURE, Encoding.DELTA, 16, values))));
      frames.add(frame);
      payload.writeBytes(frame);
    }
    RecordingOutbox outbox = new RecordingOutbox();
    try (Journal journal = Journal.open(JournalConfig.defaults(dir)); ShardGroup shards = new ShardGroup(2, 64)) {
      InsoleIngest ingest = new InsoleIngest(journal, outbox, shards, IngestMetrics.NOOP, Clock.systemUTC(),
          AckPolicy.DEFAULT);

      IngestResult result = ingest.onPublish(sync, ByteBuffer.wrap(payload.toByteArray())).toCompletableFuture().join();

      assertThat(result).isEqualTo(IngestResult.accepted(20));
      assertThat(journal.durableIndex()).isEqualTo(20);
      await().until(() -> !outbox.messages(Ack.class).isEmpty());
      assertThat(outbox.messages(Ack.class).get(0).nextSeq()).isEqualTo(20);
    }
    try (Journal reopened = Journal.open(JournalConfig.defaults(dir))) {
      List<byte[]> stored = new ArrayList<>();
      reopened.read(0, record -> stored.add(record.frame().bytes()));
      assertThat(stored).containsExactlyElementsOf(frames);
    }
  }

}
