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
import java.nio.file.Path;

/**
 * The default store: QuestDB embedded in the gateway process ({@code CairoEngine}, WAL tables, no
 * server, no port). Tables are described in {@link QuestDbSchema} and STORAGE.md.
 *
 * <p>Two engines: the raw samples and their per-second means in {@code dataDirectory}, the gait results
 * (strides, summaries, balance, alerts) in its {@code gait-results} subdirectory. Each engine has
 * its own WAL apply queue, so a stride's commit and apply never wait for the raw samples' (an
 * engine's apply job applies every table with pending WAL, and the raw table's out-of-order merges
 * take hundreds of milliseconds under load).
 *
 * <p>Threads: two writer threads (see {@link TimeSeriesStore} for the write contract), each owning
 * its engine's WAL writers and WAL apply: {@code plantar-store-questdb-raw} the raw samples, {@code
 * plantar-store-questdb} the gait results. Reads run on the caller's thread.
 */
public final class QuestDbStore {
  /** QuestDB configures its own logging from this system property (a classpath resource or a file). */
  private static final String QUESTDB_LOG_PROPERTY = "out";
  private static final String QUESTDB_LOG_CONFIG = "/com/plantar/gateway/store/questdb/questdb-log.conf";
  /** The gait results' engine, inside the raw samples' one (QuestDB ignores a directory that is not a table). */
  static final String RESULTS_DIRECTORY = "gait-results";

  private QuestDbStore() {}

  /** Opens or creates the database in {@code config.dataDirectory()}, applying WAL left by a crash. */
  public static TimeSeriesStore open(StoreConfig config) {
    quietenQuestDbLog();
    CairoEngine samples = null;
    CairoEngine results = null;
    try {
      samples = openEngine(config.dataDirectory());
      SqlExecutionContext samplesDdl = ddlContext(samples);
      samples.execute(QuestDbSchema.createRaw(config.rawRetentionDays()), samplesDdl);
      samples.execute(QuestDbSchema.rawTtl(config.rawRetentionDays()), samplesDdl);
      samples.execute(QuestDbSchema.dropRaw1sView(), samplesDdl);
      samples.execute(QuestDbSchema.createSeconds(config.aggregateRetentionDays()), samplesDdl);
      samples.execute(QuestDbSchema.secondsTtl(config.aggregateRetentionDays()), samplesDdl);
      results = openEngine(config.dataDirectory().resolve(RESULTS_DIRECTORY));
      SqlExecutionContext resultsDdl = ddlContext(results);
      results.execute(QuestDbSchema.createStrides(), resultsDdl);
      results.execute(QuestDbSchema.createWindows(), resultsDdl);
      results.execute(QuestDbSchema.createBalance(), resultsDdl);
      results.execute(QuestDbSchema.createAlerts(), resultsDdl);
      LegacyResultTables.moveInto(samples, samplesDdl, results);
      RawSamplesCommitter rawCommitter = new RawSamplesCommitter(samples, config.dataDirectory());
      rawCommitter.applyPending();
      GaitResultsCommitter resultsCommitter = new GaitResultsCommitter(results);
      resultsCommitter.applyPending();
      StoreWriter rawWriter = new StoreWriter("plantar-store-questdb-raw", config.queueCapacity(),
          config.batchSize(), rawCommitter);
      StoreWriter resultsWriter = new StoreWriter("plantar-store-questdb", config.queueCapacity(),
          config.batchSize(), resultsCommitter);
      CairoEngine openedSamples = samples;
      CairoEngine openedResults = results;
      return new WriterBackedStore(rawWriter, resultsWriter, new QuestDbReads(samples, results), () -> {
        // Closed from the last one named to the first, each even when one before it fails (the
        // first failure is thrown, the others suppressed on it): a committer that cannot finish,
        // say with its directory gone, must not leave the engines holding their files open.
        try (openedSamples; openedResults; resultsCommitter; rawCommitter) {
          // only the closing
        }
      });
    } catch (IOException | io.questdb.griffin.SqlException | RuntimeException e) {
      if (results != null) {
        results.close();
      }
      if (samples != null) {
        samples.close();
      }
      throw new StoreException(StoreException.Reason.WRITE_FAILED,
          "cannot open QuestDB in " + config.dataDirectory() + ": " + e.getMessage(), e);
    }
  }

  private static CairoEngine openEngine(Path directory) throws IOException {
    Files.createDirectories(directory);
    CairoConfiguration cairo = new DefaultCairoConfiguration(directory.toString()) {
      @Override
      public int getCommitMode() {
        // A completed write lets the journal drop its frames: it must survive power loss, not only a crash.
        return CommitMode.SYNC;
      }
    };
    CairoEngine engine = new CairoEngine(cairo);
    try {
      // Existing tables into the name registry, the materialized view definitions into their graph, then
      // the metadata cache that ALTER relies on (QuestDB's server hydrates it on a background job).
      engine.load();
      engine.buildViewGraphs();
      engine.getMetadataCache().onStartupAsyncHydrator();
      return engine;
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  static SqlExecutionContext ddlContext(CairoEngine engine) {
    return new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE);
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
