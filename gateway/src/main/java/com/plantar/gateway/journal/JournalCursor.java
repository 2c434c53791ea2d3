package com.plantar.gateway.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Reads a journal forward from an index, following it as it grows and across segments without
 * rescanning what it has read. Only durable records are returned. Owned by one thread (the
 * processor's); not thread-safe. Close it to release the open segment.
 */
public final class JournalCursor implements AutoCloseable {
  private final Journal journal;
  private final Path directory;
  private final CRC32C crc = new CRC32C();
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
  private FileChannel segment;
  private Path segmentPath;
  private long position;
  private long nextIndex;

  JournalCursor(Journal journal, Path directory, long fromIndex) {
    this.journal = journal;
    this.directory = directory;
    this.nextIndex = fromIndex;
  }

  /** Index of the next record this cursor will return. */
  public long nextIndex() {
    return nextIndex;
  }

  /** Hands over up to {@code max} durable records not seen yet, in order; returns how many. */
  public int poll(int max, Consumer<JournalRecord> consumer) throws IOException {
    int delivered = 0;
    while (delivered < max) {
      long durable = journal.durableIndex();
      if (nextIndex >= durable || segment == null && !open(segmentHolding(nextIndex))) {
        return delivered;
      }
      buffer.clear();
      segment.read(buffer, position);
      buffer.flip();
      int consumed = 0;
      while (delivered < max) {
        JournalRecord record = RecordCodec.read(buffer, crc);
        if (record == null || record.index() >= durable) {
          break;
        }
        consumed = buffer.position();
        if (record.index() >= nextIndex) {
          consumer.accept(record);
          delivered++;
          nextIndex = record.index() + 1;
        }
      }
      position += consumed;
      if (consumed == 0) {
        // Nothing more here: the next durable record starts a newer segment.
        Path next = segmentHolding(nextIndex);
        if (next == null || next.equals(segmentPath)) {
          return delivered;
        }
        segment.close();
        open(next);
      }
    }
    return delivered;
  }

  private Path segmentHolding(long index) throws IOException {
    Path holder = null;
    for (Path path : Journal.segments(directory)) {
      if (Journal.firstIndexOf(path) <= index) {
        holder = path;
      }
    }
    return holder;
  }

  private boolean open(Path path) throws IOException {
    if (path == null) {
      return false;
    }
    try {
      segment = FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      segment = null;
      return false;
    }
    segmentPath = path;
    position = 0;
    return true;
  }

  @Override
  public void close() throws IOException {
    if (segment != null) {
      segment.close();
      segment = null;
    }
  }
}
