package com.plantar.gateway.journal;

import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.ingest.IngestSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable ingest journal: an append-only log of accepted frames in segment files, each record
 * checked by CRC-32C. An append completes only after the fsync that covers it (group commit: every
 * record that arrives within {@code commitInterval} shares one fsync), so acknowledging on completion
 * means "on disk". Processing reads records back from any index; a checkpoint says up to where the
 * store has committed them, and segments wholly below it are deleted.
 *
 * <p>Threads: {@link #append} from any thread (a bounded queue; full means refused, not blocked);
 * one writer thread, {@code plantar-journal}, owns the open segment, the index counter and the fsync;
 * {@link #read} and {@link #commitCheckpoint} from any one reader thread at a time.
 */
public final class Journal implements IngestSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Journal.class);
  private static final String SEGMENT_SUFFIX = ".seg";
  private static final String CHECKPOINT = "checkpoint";

  private final JournalConfig config;
  private final BlockingQueue<Append> queue;
  private final Thread writer;
  private final CRC32C writerCrc = new CRC32C();
  private final CRC32C readerCrc = new CRC32C();

  // Writer-thread state.
  private FileChannel segment;
  private long segmentFirstIndex;
  private long segmentBytes;
  private long nextIndex;
  private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
  /** Where a failed batch must still be cut back to, when that failed too; null when nothing is. */
  private End uncut;

  private volatile long durableIndex;
  /** Added to by the writer, taken from by {@link #commitCheckpoint} on the reader's thread. */
  private final AtomicLong totalBytes;
  private volatile long checkpoint;
  private volatile boolean closing;

  private record Append(AcceptedFrame frame, CompletableFuture<Void> durable) {}

  /** Where the journal ended before a batch: the next index, and the open segment and its length. */
  private record End(long nextIndex, long segmentFirstIndex, long segmentBytes) {}

  private Journal(JournalConfig config, long nextIndex, long totalBytes, long checkpoint) throws IOException {
    this.config = config;
    this.nextIndex = nextIndex;
    this.durableIndex = nextIndex;
    this.totalBytes = new AtomicLong(totalBytes);
    this.checkpoint = checkpoint;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    openSegmentFor(nextIndex);
    this.writer = new Thread(this::writeLoop, "plantar-journal");
    writer.setDaemon(true);
    writer.start();
  }

  /** Opens (creating if needed) the journal in {@code config.directory()}, cutting off a torn tail. */
  public static Journal open(JournalConfig config) throws IOException {
    Files.createDirectories(config.directory());
    Recovery recovery = Recovery.scan(config.directory());
    return new Journal(config, recovery.nextIndex, recovery.totalBytes, readCheckpoint(config.directory()));
  }

  @Override
  public CompletionStage<Void> append(AcceptedFrame frame) {
    CompletableFuture<Void> durable = new CompletableFuture<>();
    if (closing) {
      durable.completeExceptionally(new IOException("journal is closed"));
    } else if (!queue.offer(new Append(frame, durable))) {
      durable.completeExceptionally(new IOException("journal queue is full"));
    }
    return durable;
  }

  /** Index the next record will get; every record below it that was acknowledged is on disk. */
  public long durableIndex() {
    return durableIndex;
  }

  /** Bytes the segments take on disk (a gauge; the budget is {@link JournalConfig#maxBytes()}). */
  public long sizeBytes() {
    return totalBytes.get();
  }

  public long checkpoint() {
    return checkpoint;
  }

  /** A cursor that follows the journal from {@code fromIndex} as it grows (for processing). */
  public JournalCursor cursor(long fromIndex) {
    return new JournalCursor(this, config.directory(), fromIndex);
  }

  /** Hands every durable record with index ≥ {@code fromIndex} to {@code consumer}, in order. */
  public void read(long fromIndex, Consumer<JournalRecord> consumer) throws IOException {
    long end = durableIndex;
    for (Path path : segments(config.directory())) {
      long first = firstIndexOf(path);
      if (first >= end) {
        break;
      }
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
        MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        map.order(ByteOrder.LITTLE_ENDIAN);
        JournalRecord record;
        while ((record = RecordCodec.read(map, readerCrc)) != null && record.index() < end) {
          if (record.index() >= fromIndex) {
            consumer.accept(record);
          }
        }
      }
    }
  }

  /**
   * Records that every record below {@code index} is committed downstream (the store), durably,
   * and deletes the segments that hold nothing at or above it.
   */
  public void commitCheckpoint(long index) throws IOException {
    if (index <= checkpoint) {
      return;
    }
    Path dir = config.directory();
    Path temp = dir.resolve(CHECKPOINT + ".tmp");
    ByteBuffer bytes = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(index);
    CRC32C crc = new CRC32C();
    crc.update(bytes.array(), 0, 8);
    bytes.putInt((int) crc.getValue()).flip();
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(bytes);
      channel.force(true);
    }
    try {
      Files.move(temp, dir.resolve(CHECKPOINT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, dir.resolve(CHECKPOINT), StandardCopyOption.REPLACE_EXISTING);
    }
    checkpoint = index;
    List<Path> all = segments(dir);
    // A segment can go when the next one starts at or below the checkpoint (never the last one).
    for (int i = 0; i + 1 < all.size(); i++) {
      if (firstIndexOf(all.get(i + 1)) <= index) {
        long size = Files.size(all.get(i));
        Files.delete(all.get(i));
        totalBytes.addAndGet(-size);
      }
    }
  }

  private static long readCheckpoint(Path dir) throws IOException {
    Path file = dir.resolve(CHECKPOINT);
    if (!Files.exists(file)) {
      return 0;
    }
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    CRC32C crc = new CRC32C();
    crc.update(bytes.array(), 0, Math.min(8, bytes.capacity()));
    if (bytes.capacity() != 12 || (int) crc.getValue() != bytes.getInt(8)) {
      throw new IOException("journal checkpoint " + file + " is damaged; remove it to replay the whole journal");
    }
    return bytes.getLong(0);
  }

  // ---- writer thread ------------------------------------------------------------------------

  private void writeLoop() {
    List<Append> batch = new ArrayList<>();
    while (true) {
      try {
        Append first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closing && queue.isEmpty()) {
            return;
          }
          continue;
        }
        batch.add(first);
        long deadline = System.nanoTime() + config.commitInterval().toNanos();
        // Group commit: gather what arrives before the deadline into one fsync.
        while (true) {
          queue.drainTo(batch);
          long wait = deadline - System.nanoTime();
          if (wait <= 0) {
            break;
          }
          Append next = queue.poll(wait, TimeUnit.NANOSECONDS);
          if (next == null) {
            break;
          }
          batch.add(next);
        }
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("journal writer failed; failing the batch", e);
        batch.forEach(a -> a.durable().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Append> batch) {
    if (uncut != null && !cutBackTo(uncut)) {
      IOException refused = new IOException("journal could not cut off a failed write yet; appends are refused");
      batch.forEach(a -> a.durable().completeExceptionally(refused));
      return;
    }
    End end = new End(nextIndex, segmentFirstIndex, segmentBytes);
    long added = 0;
    List<Append> written = new ArrayList<>(batch.size());
    try {
      for (Append append : batch) {
        int size = RecordCodec.HEADER_BYTES + RecordCodec.bodyLength(append.frame());
        if (totalBytes.get() + size > config.maxBytes()) {
          append.durable().completeExceptionally(new JournalFullException(totalBytes.get(), config.maxBytes()));
          continue;
        }
        long pending = segmentBytes + buffer.position();
        if (pending > 0 && pending + size > config.segmentBytes()) {
          flushBuffer();
          segment.force(false);
          segment.close();
          openSegmentFor(nextIndex);
        }
        if (buffer.remaining() < size) {
          flushBuffer();
          if (buffer.capacity() < size) {
            buffer = ByteBuffer.allocateDirect(size);
          }
        }
        RecordCodec.write(buffer, nextIndex++, append.frame(), writerCrc);
        totalBytes.addAndGet(size);
        added += size;
        written.add(append);
      }
      flushBuffer();
      segment.force(false);
    } catch (IOException | RuntimeException e) {
      // What was not fsynced is not acknowledged; the devices send it again. Its bytes (a torn record,
      // when the disk filled up in the middle of one) are cut off and its indexes given out again: a
      // reader stops at a torn record, and the recovery at open cuts everything after one, so records
      // written after it would be lost although acknowledged.
      log.error("journal write failed; {} records not acknowledged", batch.size(), e);
      // All of the batch, not only what was written before the failure: a publish waits for each of
      // its frames, and one never completed would never get its PUBACK.
      batch.forEach(a -> a.durable().completeExceptionally(e));
      totalBytes.addAndGet(-added);
      cutBackTo(end);
      return;
    }
    durableIndex = nextIndex;
    written.forEach(a -> a.durable().complete(null));
  }

  /**
   * Cuts the journal back to where it ended before a failed batch: segments the batch opened are
   * deleted, the one open before it is truncated to its old length. Truncating needs no free space;
   * when it fails all the same, appends are refused until a later batch manages it.
   */
  private boolean cutBackTo(End end) {
    buffer.clear();
    nextIndex = end.nextIndex();
    try {
      segment.close();
      for (Path path : segments(config.directory())) {
        if (firstIndexOf(path) > end.segmentFirstIndex()) {
          Files.delete(path);
        }
      }
      long reopen = end.segmentFirstIndex();
      try (FileChannel channel = FileChannel.open(segmentPath(reopen), StandardOpenOption.WRITE)) {
        channel.truncate(end.segmentBytes());
        channel.force(true);
      } catch (NoSuchFileException gone) {
        // The batch had moved on to a new segment, and the checkpoint deleted this one meanwhile
        // (everything in it was committed downstream): the next record starts a segment of its own.
        reopen = end.nextIndex();
      }
      openSegmentFor(reopen);
      uncut = null;
      return true;
    } catch (IOException e) {
      log.error("journal could not cut off a failed write; appends are refused until it can", e);
      uncut = end;
      return false;
    }
  }

  private void flushBuffer() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      segmentBytes += segment.write(buffer);
    }
    buffer.clear();
  }

  private void openSegmentFor(long firstIndex) throws IOException {
    segment = FileChannel.open(segmentPath(firstIndex), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    segmentFirstIndex = firstIndex;
    segmentBytes = segment.size();
  }

  private Path segmentPath(long firstIndex) {
    return config.directory().resolve(String.format("%020d%s", firstIndex, SEGMENT_SUFFIX));
  }

  /** Stops taking appends, writes and fsyncs what is queued, then closes the segment. */
  @Override
  public void close() {
    closing = true;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
      segment.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    queue.forEach(a -> a.durable().completeExceptionally(new IOException("journal closed")));
  }

  // ---- segments and recovery ---------------------------------------------------------------

  static List<Path> segments(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(SEGMENT_SUFFIX)).sorted().toList();
    }
  }

  static long firstIndexOf(Path segment) {
    String name = segment.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - SEGMENT_SUFFIX.length()));
  }

  /** What opening finds: the next index, after cutting a torn tail off the last good record. */
  private static final class Recovery {
    long nextIndex;
    long totalBytes;

    static Recovery scan(Path dir) throws IOException {
      Recovery recovery = new Recovery();
      CRC32C crc = new CRC32C();
      List<Path> all = segments(dir);
      for (int i = 0; i < all.size(); i++) {
        Path path = all.get(i);
        long expected = firstIndexOf(path);
        long goodEnd = 0;
        boolean torn = false;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
          MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
          JournalRecord record;
          while ((record = RecordCodec.read(map, crc)) != null) {
            if (record.index() != expected) {
              break;
            }
            expected++;
            goodEnd = map.position();
          }
          torn = goodEnd < channel.size();
          if (torn) {
            log.warn("journal segment {}: cutting {} bytes after record {} (torn or damaged write)",
                path.getFileName(), channel.size() - goodEnd, expected - 1);
            channel.truncate(goodEnd);
            channel.force(true);
          }
        }
        recovery.nextIndex = expected;
        recovery.totalBytes += goodEnd;
        if (torn && i + 1 < all.size()) {
          // Nothing after a damaged record can be trusted to follow it without a hole.
          for (Path later : all.subList(i + 1, all.size())) {
            log.error("journal segment {} follows a damaged one and is set aside", later.getFileName());
            Files.move(later, later.resolveSibling(later.getFileName() + ".damaged"));
          }
          break;
        }
      }
      return recovery;
    }
  }
}
