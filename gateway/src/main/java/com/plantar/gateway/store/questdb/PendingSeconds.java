package com.plantar.gateway.store.questdb;

import io.questdb.std.LongHashSet;
import io.questdb.std.LongList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The UTC seconds that got raw rows since their {@code raw_seconds} rows were last computed, kept in a
 * file so that a crash between a raw commit and the next computation loses none of them: the raw
 * writer {@link #persist}s a second before it commits the rows that touch it, and {@link #clear}s the
 * file after the means are committed. The file is a sequence of little-endian int64 epoch seconds; a
 * torn last entry (a crash mid-append) is ignored.
 *
 * <p>Threads: used only on the raw-sample writer thread. {@link #add} allocates nothing once the
 * set has grown to a stream's working size.
 */
final class PendingSeconds implements AutoCloseable {
  private final FileChannel file;
  private final LongHashSet seconds = new LongHashSet();
  private final LongList added = new LongList();
  private ByteBuffer buffer = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
  private int unpersisted;

  PendingSeconds(Path path) {
    try {
      this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      ByteBuffer stored = ByteBuffer.allocate((int) (file.size() / Long.BYTES * Long.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
      while (stored.hasRemaining() && file.read(stored) >= 0) {
        // read the whole file
      }
      stored.flip();
      while (stored.remaining() >= Long.BYTES) {
        long second = stored.getLong();
        if (seconds.add(second)) {
          added.add(second);
        }
      }
      unpersisted = added.size();
      file.position(stored.limit());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + path, e);
    }
  }

  /** Notes that a raw row of {@code epochSecond} is about to be committed. */
  void add(long epochSecond) {
    if (seconds.add(epochSecond)) {
      added.add(epochSecond);
    }
  }

  boolean isEmpty() {
    return added.size() == 0;
  }

  /** Makes every added second durable; call before committing the rows that touch them. */
  void persist() {
    if (unpersisted == added.size()) {
      return;
    }
    int count = added.size() - unpersisted;
    if (buffer.capacity() < count * Long.BYTES) {
      buffer = ByteBuffer.allocate(Math.max(count * Long.BYTES, 2 * buffer.capacity())).order(ByteOrder.LITTLE_ENDIAN);
    }
    buffer.clear();
    for (int i = unpersisted; i < added.size(); i++) {
      buffer.putLong(added.getQuick(i));
    }
    buffer.flip();
    try {
      while (buffer.hasRemaining()) {
        file.write(buffer);
      }
      file.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the pending seconds of raw_seconds", e);
    }
    unpersisted = added.size();
  }

  /** The pending seconds in ascending order, in {@code into}. */
  void sortedInto(LongList into) {
    into.clear();
    into.add(added);
    into.sort();
  }

  /** Forgets every pending second, in memory and on disk: their means are committed. */
  void clear() {
    try {
      file.truncate(0);
      file.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the pending seconds of raw_seconds", e);
    }
    seconds.clear();
    added.clear();
    unpersisted = 0;
  }

  @Override
  public void close() {
    try {
      file.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
