package com.plantar.gateway.store.questdb;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableToken;
import io.questdb.cairo.sql.TableRecordMetadata;
import io.questdb.cairo.wal.WalWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * One table's WAL writer and its column indexes, opened on first use, and whether rows were appended
 * since its last commit.
 *
 * <p>Threads: used only on the writer thread of the committer that owns it.
 */
final class WalTable {
  private final CairoEngine engine;
  private final String name;
  private final Map<String, Integer> columns = new HashMap<>();
  private WalWriter writer;
  private boolean dirty;

  WalTable(CairoEngine engine, String name) {
    this.engine = engine;
    this.name = name;
  }

  String name() {
    return name;
  }

  TableToken token() {
    return engine.verifyTableName(name);
  }

  boolean isSuspended() {
    return engine.getTableSequencerAPI().isSuspended(token());
  }

  /** The open WAL writer; the caller appends rows to it and then calls {@link #markDirty}. */
  WalWriter writer() {
    if (writer == null) {
      writer = engine.getWalWriter(token());
      columns.clear();
      TableRecordMetadata md = writer.getMetadata();
      for (int i = 0; i < md.getColumnCount(); i++) {
        columns.put(md.getColumnName(i), i);
      }
    }
    return writer;
  }

  int column(String column) {
    Integer index = columns.get(column);
    if (index == null) {
      throw new IllegalStateException("QuestDB table " + name + " has no column " + column);
    }
    return index;
  }

  void markDirty() {
    dirty = true;
  }

  void commitIfDirty() {
    if (dirty) {
      writer.commit();
      dirty = false;
    }
  }

  /**
   * Rolls back what was appended since the last commit and drops the writer: after a failure (disk
   * full, I/O error) a fresh WAL segment is the safe start.
   */
  void discard() {
    try {
      if (writer != null && dirty) {
        writer.rollback();
      }
    } finally {
      dirty = false;
      release();
    }
  }

  void release() {
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }
}
