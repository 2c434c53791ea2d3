package com.plantar.gateway.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite against the embedded QuestDB store. */
class QuestDbStoreConformanceTest extends TimeSeriesStoreConformance {
  @TempDir static Path directory;
  private static TimeSeriesStore store;

  @BeforeAll
  static void open() {
    store = TimeSeriesStores.open(StoreConfig.questDb(directory.resolve("timeseries")));
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Override
  TimeSeriesStore store() {
    return store;
  }
}
