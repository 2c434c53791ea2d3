package com.plantar.gateway.ingest;

import com.plantar.gateway.auth.InsoleTopic;
import com.plantar.gateway.auth.InsoleTopic.Suffix;
import com.plantar.protocol.Ack;
import com.plantar.protocol.DecodeStatus;
import com.plantar.protocol.FrameDecoder;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.FrameView;
import com.plantar.protocol.MessageType;
import com.plantar.protocol.Nack;
import com.plantar.protocol.SeqRange;
import com.plantar.protocol.TimeResponse;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The insole ingest path: validates a publish's frames on the calling (I/O) thread, hands them to
 * the shard that owns the device, appends them to the {@link IngestSink}, and completes the publish
 * only when every frame is durable, so that the MQTT layer acknowledges nothing earlier. Owns, per
 * device and on its shard, the dedup window, the batched protocol ACKs and the NACKs for frames
 * lost on {@code live} (PROTOCOL.md §9). TIME_REQ is answered at once on the calling thread.
 *
 * <p>Threads: {@link #onPublish} is called on any thread (Netty I/O loops); each device's state is
 * touched only by its shard thread. A full shard queue refuses the publish ({@link
 * IngestVerdict#OVERLOADED}) rather than queueing without bound.
 */
public final class InsoleIngest {
  private final IngestSink sink;
  private final DeviceOutbox outbox;
  private final ShardGroup shards;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final AckPolicy ackPolicy;
  private final ThreadLocal<Decoding> decoding = ThreadLocal.withInitial(Decoding::new);
  private final ThreadLocal<FrameEncoder> encoders = ThreadLocal.withInitial(FrameEncoder::new);
  /** One map per shard, touched only by that shard's thread. */
  private final List<Map<Long, DeviceLedger>> ledgers = new ArrayList<>();

  public InsoleIngest(IngestSink sink, DeviceOutbox outbox, ShardGroup shards, IngestMetrics metrics,
      Clock clock, AckPolicy ackPolicy) {
    this.sink = sink;
    this.outbox = outbox;
    this.shards = shards;
    this.metrics = metrics;
    this.clock = clock;
    this.ackPolicy = ackPolicy;
    for (int i = 0; i < shards.size(); i++) {
      ledgers.add(new HashMap<>());
    }
  }

  /**
   * Takes one publish on an insole topic. The payload is read between its position and limit, only
   * during this call. The returned stage completes when every accepted frame is durable, or at once
   * when the publish is refused; it never completes exceptionally.
   */
  public CompletionStage<IngestResult> onPublish(InsoleTopic topic, ByteBuffer payload) {
    long startNanos = System.nanoTime();
    long receivedUtcUs = utcMicros();
    Suffix suffix = topic.suffix();
    if (suffix == Suffix.STATE) {
      return CompletableFuture.completedFuture(IngestResult.accepted(0));
    }
    if (expectedType(suffix) == null) {
      return refuse(IngestVerdict.WRONG_TOPIC);
    }
    Decoding d = decoding.get();
    d.collector.reset(topic, payload, receivedUtcUs);
    DecodeStatus status = d.decoder.decodePayload(payload, d.view, d.collector);
    Collector collected = d.collector;
    if (collected.refusal != null) {
      return refuse(collected.refusal);
    }
    if (collected.unknownParts > 0) {
      metrics.unknownExtensionsOrBlocks(collected.unknownParts);
    }
    if (!status.isOk()) {
      metrics.frameRejected(status);
    }
    List<AcceptedFrame> frames = collected.frames;
    collected.frames = null;
    if (suffix == Suffix.TIME_REQ) {
      if (status.isOk()) {
        answerTimeRequest(topic, d.view, receivedUtcUs);
        metrics.frameAccepted(MessageType.TIME_REQ);
      }
      return CompletableFuture.completedFuture(status.isOk()
          ? IngestResult.accepted(0) : new IngestResult(IngestVerdict.MALFORMED, status, 0));
    }
    if (frames.isEmpty()) {
      return CompletableFuture.completedFuture(new IngestResult(IngestVerdict.MALFORMED, status, 0));
    }
    CompletableFuture<IngestResult> result = new CompletableFuture<>();
    long key = topic.deviceId();
    if (!shards.execute(key, () -> store(topic, frames, status, startNanos, result))) {
      return refuse(IngestVerdict.OVERLOADED);
    }
    return result;
  }

  private CompletionStage<IngestResult> refuse(IngestVerdict verdict) {
    metrics.publishRefused(verdict);
    return CompletableFuture.completedFuture(IngestResult.refused(verdict));
  }

  private long utcMicros() {
    Instant now = clock.instant();
    return ChronoUnit.MICROS.between(Instant.EPOCH, now);
  }

  /** TIME_RES: t0 echoed, t1 when the request arrived, t2 now (PROTOCOL.md §10). */
  private void answerTimeRequest(InsoleTopic topic, FrameView request, long receivedUtcUs) {
    FrameHeader header = new FrameHeader(0, topic.deviceId(), request.bootId());
    TimeResponse response = new TimeResponse(header, request.requestId(), request.t0MonoUs(),
        receivedUtcUs, utcMicros());
    outbox.publish(topic.withSuffix(Suffix.TIME_RES).name(), encoders.get().encode(response), 0);
  }

  /** On the device's shard: dedup, append to the sink, and complete the publish once all is durable. */
  private void store(InsoleTopic topic, List<AcceptedFrame> frames, DecodeStatus status, long startNanos,
      CompletableFuture<IngestResult> result) {
    long key = topic.deviceId();
    DeviceLedger ledger = ledger(key);
    Outstanding outstanding = new Outstanding(frames.size(), status, startNanos, result);
    for (AcceptedFrame frame : frames) {
      if (frame.type() == MessageType.DATA && ledger.isDurable(frame.bootId(), frame.seq())) {
        metrics.duplicateDropped();
        ledger.reacknowledge(frame.bootId());
        owedAcks(topic, ledger);
        outstanding.resolved(true, null);
        continue;
      }
      if (frame.type() == MessageType.DATA && topic.suffix() == Suffix.LIVE) {
        if (ledger.liveOutOfOrder(frame.bootId(), frame.seq())) {
          metrics.liveOutOfOrder();
        }
        List<SeqRange> gaps = ledger.liveGaps(frame.bootId(), frame.seq());
        if (!gaps.isEmpty()) {
          sendNack(topic, frame.bootId(), gaps);
        }
      }
      sink.append(frame).whenComplete((ignored, failure) -> onShard(key, () -> {
        if (failure == null) {
          metrics.frameAccepted(frame.type());
          if (frame.type() == MessageType.DATA) {
            if (!ledger.markDurable(frame.bootId(), frame.seq())) {
              metrics.beyondWindow();
            }
            owedAcks(topic, ledger);
            // Storage takes frames again: ask for those it refused meanwhile (still in the device's flash).
            List<SeqRange> refused = ledger.takeRefused(frame.bootId());
            if (!refused.isEmpty()) {
              sendNack(topic, frame.bootId(), refused);
            }
          }
        } else if (frame.type() == MessageType.DATA) {
          ledger.refused(frame.bootId(), frame.seq());
        }
        outstanding.resolved(failure == null, failure);
      }));
    }
  }

  /** Runs on the key's shard even when its queue is momentarily full (completions must not be lost). */
  private void onShard(long key, Runnable task) {
    if (!shards.execute(key, task)) {
      shards.schedule(key, 1, task);
    }
  }

  private DeviceLedger ledger(long key) {
    return ledgers.get(shards.shardOf(key)).computeIfAbsent(key, k -> new DeviceLedger());
  }

  private void owedAcks(InsoleTopic topic, DeviceLedger ledger) {
    if (ledger.framesSinceAck() >= ackPolicy.maxFrames()) {
      flushAcks(topic, ledger);
    } else if (ledger.claimFlushTimer()) {
      shards.schedule(topic.deviceId(), ackPolicy.maxDelay().toMillis(), () -> flushAcks(topic, ledger));
    }
  }

  private void flushAcks(InsoleTopic topic, DeviceLedger ledger) {
    String ackTopic = topic.withSuffix(Suffix.ACK).name();
    for (DeviceLedger.OwedAck owed : ledger.takeOwedAcks()) {
      Ack ack = new Ack(new FrameHeader(0, topic.deviceId(), owed.bootId()), owed.nextSeq(), owed.ranges());
      outbox.publish(ackTopic, encoders.get().encode(ack), 1);
      metrics.ackSent();
    }
  }

  private void sendNack(InsoleTopic topic, long bootId, List<SeqRange> gaps) {
    Nack nack = new Nack(new FrameHeader(0, topic.deviceId(), bootId), gaps);
    outbox.publish(topic.withSuffix(Suffix.ACK).name(), encoders.get().encode(nack), 1);
    metrics.nackSent(gaps.stream().mapToInt(SeqRange::count).sum());
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
  }

  /** Counts a publish's frames down to durable (or failed); touched only on the device's shard. */
  private final class Outstanding {
    private int remaining;
    private int stored;
    private boolean failed;
    private boolean full;
    private final DecodeStatus status;
    private final long startNanos;
    private final CompletableFuture<IngestResult> result;

    Outstanding(int frames, DecodeStatus status, long startNanos, CompletableFuture<IngestResult> result) {
      this.remaining = frames;
      this.status = status;
      this.startNanos = startNanos;
      this.result = result;
    }

    void resolved(boolean ok, Throwable failure) {
      if (ok) {
        stored++;
      } else {
        failed = true;
        full |= unwrap(failure) instanceof StorageFullException;
      }
      if (--remaining > 0) {
        return;
      }
      if (failed) {
        IngestVerdict verdict = full ? IngestVerdict.STORAGE_FULL : IngestVerdict.NOT_STORED;
        metrics.publishRefused(verdict);
        result.complete(new IngestResult(verdict, status, stored));
      } else if (!status.isOk()) {
        result.complete(new IngestResult(IngestVerdict.MALFORMED, status, stored));
      } else {
        metrics.publishToDurableNanos(System.nanoTime() - startNanos);
        result.complete(IngestResult.accepted(stored));
      }
    }
  }

  /** Reusable per-thread decoding state: the decoder, its view and the frame collector. */
  private static final class Decoding {
    final FrameDecoder decoder = new FrameDecoder();
    final FrameView view = new FrameView();
    final Collector collector = new Collector();
  }

  /** Checks each decoded frame against its topic and copies the good ones out of the payload. */
  private static final class Collector implements com.plantar.protocol.FrameHandler {
    InsoleTopic topic;
    ByteBuffer payload;
    long receivedUtcUs;
    IngestVerdict refusal;
    List<AcceptedFrame> frames;
    int unknownParts;

    void reset(InsoleTopic topic, ByteBuffer payload, long receivedUtcUs) {
      this.topic = topic;
      this.payload = payload;
      this.receivedUtcUs = receivedUtcUs;
      this.refusal = null;
      this.frames = new ArrayList<>(4);
      this.unknownParts = 0;
    }

    @Override
    public void onFrame(FrameView frame) {
      if (refusal != null) {
        return;
      }
      if (frame.deviceId() != topic.deviceId()) {
        refusal = IngestVerdict.WRONG_DEVICE;
        return;
      }
      if (expectedType(topic.suffix()) != frame.type()
          || topic.suffix() != Suffix.SYNC && !frames.isEmpty()) {
        refusal = IngestVerdict.WRONG_TOPIC;
        return;
      }
      unknownParts += frame.skippedBlockCount() + frame.unknownExtensionCount()
          + Integer.bitCount(frame.unknownCompatFlags());
      byte[] bytes = new byte[frame.frameLength()];
      payload.get(frame.frameOffset(), bytes);
      frames.add(new AcceptedFrame(topic.tenant(), frame.deviceId(), frame.bootId(), frame.type(),
          frame.type() == MessageType.DATA ? frame.seq() : -1, frame.compatFlags(), receivedUtcUs, bytes));
    }
  }

  private static MessageType expectedType(Suffix suffix) {
    return switch (suffix) {
      case LIVE, SYNC -> MessageType.DATA;
      case HELLO -> MessageType.HELLO;
      case ANCHOR -> MessageType.ANCHOR;
      case EVT -> MessageType.EVENT;
      case TIME_REQ -> MessageType.TIME_REQ;
      default -> null;
    };
  }
}
