package com.plantar.gateway.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite against a real InfluxDB 1.x ({@code influxd} from the Debian package), with
 * the schema (database, retention policies, downsampling query) managed by the store.
 */
class InfluxStoreConformanceTest extends TimeSeriesStoreConformance {
  @TempDir static Path directory;
  private static InfluxdProcess influxd;
  private static TimeSeriesStore store;

  @BeforeAll
  static void open() throws Exception {
    influxd = InfluxdProcess.start(directory);
    store = TimeSeriesStores.open(StoreConfig.influxDb(influxd.url(), "plantar").withManagedInfluxSchema("plantar_forever"));
  }

  @AfterAll
  static void close() {
    if (store != null) {
      store.close();
    }
    if (influxd != null) {
      influxd.close();
    }
  }

  @Override
  TimeSeriesStore store() {
    return store;
  }
}
