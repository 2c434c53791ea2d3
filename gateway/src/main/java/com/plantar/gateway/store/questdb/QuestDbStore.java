package com.plantar.gateway.store.questdb;

import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.StoreException;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.internal.StoreWriter;
import com.plantar.gateway.store.internal.WriterBackedStore;
import io.questdb.cairo.CairoConfiguration;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.CommitMode;
import io.questdb.cairo.DefaultCairoConfiguration;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.griffin.SqlExecutionContext;
import io.questdb.griffin.SqlExecutionContextImpl;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The default store: QuestDB embedded in the gateway process ({@code CairoEngine}, WAL tables, no
 * server, no port). Tables are described in {@link QuestDbSchema} and STORAGE.md.
 *
 * <p>Threads: one writer thread, {@code plantar-store-questdb}, owns the WAL writers and the WAL apply
 * job (see {@link TimeSeriesStore} for the write contract); reads run on the caller's thread.
 */
public final class QuestDbStore {
  /** QuestDB configures its own logging from this system property (a classpath resource or a file). */
  private static final String QUESTDB_LOG_PROPERTY = "out";
  private static final String QUESTDB_LOG_CONFIG = "/com/plantar/gateway/store/questdb/questdb-log.conf";

  private QuestDbStore() {}

  /** Opens or creates the database in {@code config.dataDirectory()}, applying WAL left by a crash. */
  public static TimeSeriesStore open(StoreConfig config) {
    quietenQuestDbLog();
    CairoEngine engine = null;
    try {
      Files.createDirectories(config.dataDirectory());
      CairoConfiguration cairo = new DefaultCairoConfiguration(config.dataDirectory().toString()) {
        @Override
        public int getCommitMode() {
          // A completed write lets the journal drop its frames: it must survive power loss, not only a crash.
          return CommitMode.SYNC;
        }
      };
      engine = new CairoEngine(cairo);
      // Existing tables into the name registry, the materialized view definitions into their graph, then
      // the metadata cache that ALTER relies on (QuestDB's server hydrates it on a background job).
      engine.load();
      engine.buildViewGraphs();
      engine.getMetadataCache().onStartupAsyncHydrator();
      SqlExecutionContext ddl = new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE);
      engine.execute(QuestDbSchema.createRaw(config.rawRetentionDays()), ddl);
      engine.execute(QuestDbSchema.rawTtl(config.rawRetentionDays()), ddl);
      engine.execute(QuestDbSchema.createRaw1s(config.aggregateRetentionDays()), ddl);
      engine.execute(QuestDbSchema.raw1sTtl(config.aggregateRetentionDays()), ddl);
      engine.execute(QuestDbSchema.createStrides(), ddl);
      engine.execute(QuestDbSchema.createWindows(), ddl);
      engine.execute(QuestDbSchema.createBalance(), ddl);
      engine.execute(QuestDbSchema.createAlerts(), ddl);
      QuestDbCommitter committer = new QuestDbCommitter(engine, ddl);
      committer.applyPending();
      StoreWriter writer = new StoreWriter("plantar-store-questdb", config.queueCapacity(), config.batchSize(),
          committer);
      CairoEngine opened = engine;
      return new WriterBackedStore(writer, new QuestDbReads(engine), () -> {
        committer.close();
        opened.close();
      });
    } catch (IOException | io.questdb.griffin.SqlException | RuntimeException e) {
      if (engine != null) {
        engine.close();
      }
      throw new StoreException(StoreException.Reason.WRITE_FAILED,
          "cannot open QuestDB in " + config.dataDirectory() + ": " + e.getMessage(), e);
    }
  }

  /**
   * QuestDB's logger is process-wide and reads its configuration once, from the system property
   * {@code out}: unless the operator set it, point it at our errors-only configuration.
   */
  private static void quietenQuestDbLog() {
    if (System.getProperty(QUESTDB_LOG_PROPERTY) == null) {
      System.setProperty(QUESTDB_LOG_PROPERTY, QUESTDB_LOG_CONFIG);
    }
  }
}
