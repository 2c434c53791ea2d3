package com.plantar.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.auth.InsoleTopic;
import com.plantar.protocol.Ack;
import com.plantar.protocol.BlockType;
import com.plantar.protocol.CompatFlags;
import com.plantar.protocol.DataFrame;
import com.plantar.protocol.DecodeStatus;
import com.plantar.protocol.Encoding;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.Nack;
import com.plantar.protocol.SampleBlock;
import com.plantar.protocol.SeqRange;
import com.plantar.protocol.TimeRequest;
import com.plantar.protocol.TimeResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InsoleIngestTest {
  private static final long DEVICE = 0x00000000deadbeefL;
  private static final InsoleTopic LIVE = InsoleTopic.parse("insole/v1/clinic/00000000deadbeef/live").orElseThrow();
  private static final InsoleTopic SYNC = LIVE.withSuffix(InsoleTopic.Suffix.SYNC);

  private final FrameEncoder encoder = new FrameEncoder();
  private final ControlledSink sink = new ControlledSink();
  private final RecordingOutbox outbox = new RecordingOutbox();
  private final ShardGroup shards = new ShardGroup(2, 1024);
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  private InsoleIngest ingest = new InsoleIngest(sink, outbox, shards, IngestMetrics.NOOP, clock,
      new AckPolicy(4, Duration.ofMillis(200)));

  @AfterEach
  void stopShards() {
    shards.close();
  }

  private byte[] data(long device, long boot, long seq, int flags) {
    int[] values = new int[4 * 5];
    for (int i = 0; i < values.length; i++) {
      values[i] = (int) ((seq * 31 + i * 7) % 4096);
    }
    return encoder.encode(new DataFrame(new FrameHeader(flags, device, boot), seq, 1_000_000 + seq * 50_000,
        40_000, 5, 0xC0FFEE, List.of(new SampleBlock(BlockType.PRESSURE, Encoding.DELTA, 4, values))));
  }

  private static byte[] concat(byte[]... frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] frame : frames) {
      out.writeBytes(frame);
    }
    return out.toByteArray();
  }

  private CompletionStage<IngestResult> publish(InsoleTopic topic, byte[] payload) {
    return ingest.onPublish(topic, ByteBuffer.wrap(payload));
  }

  @Test
  void publishCompletesOnlyAfterTheSinkMadeItsFramesDurable() {
    CompletableFuture<IngestResult> result = publish(SYNC, concat(data(DEVICE, 3, 0, CompatFlags.BACKLOG),
        data(DEVICE, 3, 1, CompatFlags.BACKLOG))).toCompletableFuture();

    await().until(() -> sink.appended.size() == 2);
    assertThat(result).isNotDone();
    sink.appended.get(0).durable().complete(null);
    assertThat(result).isNotDone();
    sink.appended.get(1).durable().complete(null);

    await().until(result::isDone);
    assertThat(result.join()).isEqualTo(IngestResult.accepted(2));
    assertThat(sink.appended.get(0).frame().seq()).isZero();
    assertThat(sink.appended.get(1).frame().tenant()).isEqualTo("clinic");
  }

  @Test
  void protocolAckFollowsDurabilityAndIsBatched() {
    sink.autoComplete();
    for (int seq = 0; seq < 4; seq++) {
      publish(LIVE, data(DEVICE, 3, seq, 0)).toCompletableFuture().join();
    }

    await().until(() -> outbox.messages(Ack.class).size() == 1);
    Ack ack = outbox.messages(Ack.class).get(0);
    assertThat(ack.nextSeq()).isEqualTo(4);
    assertThat(ack.header().bootId()).isEqualTo(3);
    assertThat(outbox.sent.get(0).topic()).isEqualTo("insole/v1/clinic/00000000deadbeef/ack");
    assertThat(outbox.sent.get(0).qos()).isEqualTo(1);

    publish(LIVE, data(DEVICE, 3, 4, 0)).toCompletableFuture().join();
    await().atMost(Duration.ofSeconds(3)).until(() -> outbox.messages(Ack.class).size() == 2);
    assertThat(outbox.messages(Ack.class).get(1).nextSeq()).isEqualTo(5);
  }

  @Test
  void nothingIsAcknowledgedWhenTheSinkFails() {
    CompletableFuture<IngestResult> result = publish(SYNC, data(DEVICE, 3, 0, CompatFlags.BACKLOG)).toCompletableFuture();
    await().until(() -> sink.appended.size() == 1);
    sink.appended.get(0).durable().completeExceptionally(new java.io.IOException("disk full"));

    assertThat(result.join().verdict()).isEqualTo(IngestVerdict.NOT_STORED);
    await().during(Duration.ofMillis(400)).until(() -> outbox.sent.isEmpty());
  }

  @Test
  void fullStorageRefusesThePublishAsQuotaExceeded() {
    CompletableFuture<IngestResult> result = publish(SYNC, data(DEVICE, 3, 0, CompatFlags.BACKLOG)).toCompletableFuture();
    await().until(() -> sink.appended.size() == 1);
    sink.appended.get(0).durable().completeExceptionally(new StorageFullException("journal at its budget"));

    assertThat(result.join().verdict()).isEqualTo(IngestVerdict.STORAGE_FULL);
  }

  @Test
  void frameOfAnotherDeviceIsRefusedAndNothingOfThePublishIsStored() {
    IngestResult result = publish(SYNC, concat(data(DEVICE, 3, 0, 0), data(DEVICE + 1, 3, 1, 0)))
        .toCompletableFuture().join();

    assertThat(result.verdict()).isEqualTo(IngestVerdict.WRONG_DEVICE);
    assertThat(sink.appended).isEmpty();
  }

  @Test
  void invalidFrameStopsThePayloadButFramesBeforeItAreStored() {
    sink.autoComplete();
    byte[] bad = data(DEVICE, 3, 1, 0);
    bad[bad.length - 1] ^= 1;

    IngestResult result = publish(SYNC, concat(data(DEVICE, 3, 0, 0), bad, data(DEVICE, 3, 2, 0)))
        .toCompletableFuture().join();

    assertThat(result).isEqualTo(new IngestResult(IngestVerdict.MALFORMED, DecodeStatus.CRC_MISMATCH, 1));
    assertThat(sink.appended).extracting(p -> p.frame().seq()).containsExactly(0L);
  }

  @Test
  void oneDevicesGarbageDoesNotDisturbAnother() {
    sink.autoComplete();
    InsoleTopic other = InsoleTopic.parse("insole/v1/clinic/0000000000000002/live").orElseThrow();

    assertThat(publish(LIVE, new byte[] {1, 2, 3}).toCompletableFuture().join().verdict())
        .isEqualTo(IngestVerdict.MALFORMED);
    assertThat(publish(other, data(2, 1, 0, 0)).toCompletableFuture().join().verdict())
        .isEqualTo(IngestVerdict.ACCEPTED);
  }

  @Test
  void frameTypeMustMatchItsTopic() {
    byte[] timeRequest = encoder.encode(new TimeRequest(new FrameHeader(0, DEVICE, 3), 1, 5));
    assertThat(publish(LIVE, timeRequest).toCompletableFuture().join().verdict()).isEqualTo(IngestVerdict.WRONG_TOPIC);
    assertThat(publish(LIVE, concat(data(DEVICE, 3, 0, 0), data(DEVICE, 3, 1, 0))).toCompletableFuture().join().verdict())
        .as("live carries one frame").isEqualTo(IngestVerdict.WRONG_TOPIC);
    assertThat(publish(LIVE.withSuffix(InsoleTopic.Suffix.ACK), data(DEVICE, 3, 0, 0)).toCompletableFuture().join().verdict())
        .isEqualTo(IngestVerdict.WRONG_TOPIC);
  }

  @Test
  void repeatOfADurableFrameIsDroppedAndAcknowledgedAgain() {
    sink.autoComplete();
    ingest = new InsoleIngest(sink, outbox, shards, IngestMetrics.NOOP, clock, new AckPolicy(1, Duration.ofSeconds(5)));
    publish(SYNC, data(DEVICE, 3, 0, CompatFlags.BACKLOG)).toCompletableFuture().join();
    await().until(() -> outbox.messages(Ack.class).size() == 1);

    IngestResult again = publish(SYNC, data(DEVICE, 3, 0, CompatFlags.BACKLOG)).toCompletableFuture().join();

    assertThat(again.verdict()).isEqualTo(IngestVerdict.ACCEPTED);
    assertThat(sink.appended).hasSize(1);
    await().until(() -> outbox.messages(Ack.class).size() == 2);
    assertThat(outbox.messages(Ack.class).get(1).nextSeq()).isEqualTo(1);
  }

  @Test
  void framesDurableOutOfOrderAreAcknowledgedAsRanges() {
    sink.autoComplete();
    for (long seq : new long[] {0, 1, 5, 6, 9}) {
      publish(SYNC, data(DEVICE, 3, seq, CompatFlags.BACKLOG)).toCompletableFuture().join();
    }
    await().atMost(Duration.ofSeconds(3)).until(() -> outbox.messages(Ack.class).stream()
        .anyMatch(a -> a.ranges().size() == 2));
    Ack ack = outbox.messages(Ack.class).stream().filter(a -> a.ranges().size() == 2).findFirst().orElseThrow();
    assertThat(ack.nextSeq()).isEqualTo(2);
    assertThat(ack.ranges()).containsExactly(new SeqRange(5, 2), new SeqRange(9, 1));
  }

  @Test
  void framesLostOnLiveAreAskedForAgain() {
    sink.autoComplete();
    publish(LIVE, data(DEVICE, 3, 10, 0)).toCompletableFuture().join();
    publish(LIVE, data(DEVICE, 3, 14, 0)).toCompletableFuture().join();

    await().until(() -> outbox.messages(Nack.class).size() == 1);
    assertThat(outbox.messages(Nack.class).get(0).ranges()).containsExactly(new SeqRange(11, 3));
  }

  /**
   * A device refused on {@code live} (no reply at QoS 0) keeps the frames in flash and would upload
   * them only after its next reconnect: once the sink takes frames again they are asked for, once.
   */
  @Test
  void framesTheSinkRefusedAreAskedForAgainOnceItTakesFramesAgain() {
    for (long seq = 0; seq < 3; seq++) {
      publish(LIVE, data(DEVICE, 3, seq, 0));
    }
    await().until(() -> sink.appended.size() == 3);
    sink.appended.forEach(a -> a.durable().completeExceptionally(new java.io.IOException("No space left on device")));
    await().during(Duration.ofMillis(300)).until(() -> outbox.messages(Nack.class).isEmpty());

    sink.autoComplete();
    publish(LIVE, data(DEVICE, 3, 3, 0)).toCompletableFuture().join();
    await().until(() -> outbox.messages(Nack.class).size() == 1);
    assertThat(outbox.messages(Nack.class).get(0).ranges()).containsExactly(new SeqRange(0, 3));

    publish(LIVE, data(DEVICE, 3, 4, 0)).toCompletableFuture().join();
    await().during(Duration.ofMillis(300)).until(() -> outbox.messages(Nack.class).size() == 1);
  }

  @Test
  void liveFramesArrivingOutOfOrderAreCounted() {
    sink.autoComplete();
    java.util.concurrent.atomic.AtomicInteger outOfOrder = new java.util.concurrent.atomic.AtomicInteger();
    ingest = new InsoleIngest(sink, outbox, shards, new IngestMetrics() {
      @Override
      public void liveOutOfOrder() {
        outOfOrder.incrementAndGet();
      }
    }, clock, AckPolicy.DEFAULT);

    for (long seq : new long[] {1, 2, 4, 3, 5}) {
      publish(LIVE, data(DEVICE, 3, seq, 0)).toCompletableFuture().join();
    }

    assertThat(outOfOrder).hasValue(1);
  }

  @Test
  void timeRequestIsAnsweredWithReceiveAndSendTimes() {
    IngestResult result = publish(LIVE.withSuffix(InsoleTopic.Suffix.TIME_REQ),
        encoder.encode(new TimeRequest(new FrameHeader(0, DEVICE, 3), 77, 123_456))).toCompletableFuture().join();

    assertThat(result.verdict()).isEqualTo(IngestVerdict.ACCEPTED);
    TimeResponse response = outbox.messages(TimeResponse.class).get(0);
    long now = Instant.parse("2026-11-25T10:00:00Z").toEpochMilli() * 1000;
    assertThat(response.requestId()).isEqualTo(77);
    assertThat(response.t0MonoUs()).isEqualTo(123_456);
    assertThat(response.t1UtcUs()).isEqualTo(now);
    assertThat(response.t2UtcUs()).isEqualTo(now);
    assertThat(outbox.sent.get(0).topic()).endsWith("/time/res");
    assertThat(sink.appended).isEmpty();
  }

  @Test
  void fullShardQueueRefusesInsteadOfGrowing() {
    ShardGroup tiny = new ShardGroup(1, 1);
    try {
      InsoleIngest busy = new InsoleIngest(sink, outbox, tiny, IngestMetrics.NOOP, clock, AckPolicy.DEFAULT);
      java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
      tiny.execute(DEVICE, () -> {
        try {
          hold.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      await().until(() -> tiny.queued() == 0);
      tiny.execute(DEVICE, () -> { });

      IngestResult refused = busy.onPublish(SYNC, ByteBuffer.wrap(data(DEVICE, 3, 0, 0))).toCompletableFuture().join();

      assertThat(refused.verdict()).isEqualTo(IngestVerdict.OVERLOADED);
      hold.countDown();
    } finally {
      tiny.close();
    }
  }
}
