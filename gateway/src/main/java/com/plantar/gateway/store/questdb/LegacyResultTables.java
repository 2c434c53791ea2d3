package com.plantar.gateway.store.questdb;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.ColumnType;
import io.questdb.cairo.TableToken;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.cairo.sql.RecordMetadata;
import io.questdb.cairo.wal.ApplyWal2TableJob;
import io.questdb.cairo.wal.WalWriter;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the gait result tables of a data directory written before they had an engine of their own
 * (strides, summaries, balance and alerts beside the raw samples) into the results engine, once, at
 * open: every row is copied and applied, then the old table is dropped. A crash in between copies
 * again at the next open, which the tables' dedup keys absorb.
 *
 * <p>Threads: the opening thread, before the writer threads start.
 */
final class LegacyResultTables {
  private static final Logger log = LoggerFactory.getLogger(LegacyResultTables.class);
  private static final String[] TABLES = {QuestDbSchema.STRIDES, QuestDbSchema.WINDOWS, QuestDbSchema.BALANCE,
      QuestDbSchema.ALERTS};

  private LegacyResultTables() {}

  static void moveInto(CairoEngine legacy, SqlExecutionContext legacyContext, CairoEngine results)
      throws SqlException {
    for (String table : TABLES) {
      if (legacy.getTableTokenIfExists(table) == null) {
        continue;
      }
      long rows = copy(legacy, legacyContext, results, table);
      try (ApplyWal2TableJob apply = new ApplyWal2TableJob(results, 0)) {
        apply.drain(0);
      }
      legacy.execute("DROP TABLE " + table, legacyContext);
      log.info("moved {} rows of QuestDB table {} into {}", rows, table, QuestDbStore.RESULTS_DIRECTORY);
    }
  }

  private static long copy(CairoEngine legacy, SqlExecutionContext legacyContext, CairoEngine results, String table)
      throws SqlException {
    TableToken target = results.verifyTableName(table);
    long rows = 0;
    try (RecordCursorFactory factory = legacy.select("SELECT * FROM " + table, legacyContext);
         RecordCursor cursor = factory.getCursor(legacyContext);
         WalWriter writer = results.getWalWriter(target)) {
      RecordMetadata from = factory.getMetadata();
      RecordMetadata to = writer.getMetadata();
      int timestamp = from.getTimestampIndex();
      int[] targetColumn = new int[from.getColumnCount()];
      for (int c = 0; c < targetColumn.length; c++) {
        targetColumn[c] = c == timestamp ? -1 : to.getColumnIndexQuiet(from.getColumnName(c));
      }
      Record record = cursor.getRecord();
      while (cursor.hasNext()) {
        TableWriter.Row row = writer.newRow(record.getTimestamp(timestamp));
        for (int c = 0; c < targetColumn.length; c++) {
          if (targetColumn[c] >= 0) {
            copyValue(record, c, ColumnType.tagOf(from.getColumnType(c)), row, targetColumn[c]);
          }
        }
        row.append();
        rows++;
      }
      writer.commit();
    }
    return rows;
  }

  /** The column types of the result tables (see {@link QuestDbSchema}); NULLs stay NULL. */
  private static void copyValue(Record from, int column, short type, TableWriter.Row to, int target) {
    switch (type) {
      case ColumnType.SYMBOL -> {
        CharSequence value = from.getSymA(column);
        if (value != null) {
          to.putSym(target, value);
        }
      }
      case ColumnType.STRING -> {
        CharSequence value = from.getStrA(column);
        if (value != null) {
          to.putStr(target, value);
        }
      }
      case ColumnType.TIMESTAMP -> to.putTimestamp(target, from.getTimestamp(column));
      case ColumnType.DOUBLE -> to.putDouble(target, from.getDouble(column));
      case ColumnType.INT -> to.putInt(target, from.getInt(column));
      default -> throw new IllegalStateException("QuestDB table column of type " + ColumnType.nameOf(type)
          + " cannot be moved: the result tables have no such column");
    }
  }
}
