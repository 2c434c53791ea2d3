package com.plantar.gateway.store.influx;

import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.StoreException;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.internal.StoreWriter;
import com.plantar.gateway.store.internal.WriterBackedStore;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/**
 * InfluxDB 1.x, 2.x (v1 compatibility API) or 3.x over the v1 HTTP API: line protocol to {@code
 * /write} with the JDK {@code HttpClient} ({@link InfluxHttpWrites} says why), InfluxQL on {@code
 * /query} with influxdb-java. Credentials: a user and password (Basic;
 * 1.x users, 2.x v1 authorizations, 3.x with the token as password) or a token ({@code
 * Authorization: Token …}; 2.x, 3.x, and 1.8+ as {@code user:password}).
 *
 * <p>Threads: two writer threads send the {@code /write}s (see {@link TimeSeriesStore} for the write
 * contract): {@code plantar-store-influx-raw} the raw samples, {@code plantar-store-influx} the rest;
 * reads run on the caller's thread.
 */
public final class InfluxStore {
  private InfluxStore() {}

  private static TimeSeriesStore assemble(InfluxDB db, StoreConfig config) {
    String rawRp = config.manageInfluxSchema() ? InfluxSchema.RAW_RP : config.retentionPolicy();
    InfluxReads reads = new InfluxReads(db, config.database(), rawRp, config.retentionPolicy());
    String authorization = !config.token().isEmpty() ? InfluxHttpWrites.tokenAuthorization(config.token())
        : !config.user().isEmpty() ? InfluxHttpWrites.basicAuthorization(config.user(), config.password()) : "";
    StoreWriter samples = new StoreWriter("plantar-store-influx-raw", config.queueCapacity(), config.batchSize(),
        committer(config, rawRp, authorization));
    StoreWriter results = new StoreWriter("plantar-store-influx", config.queueCapacity(), config.batchSize(),
        committer(config, rawRp, authorization));
    return new WriterBackedStore(samples, results, reads, db::close);
  }

  /** Each writer thread has its own committer and connection, so that neither waits for the other's {@code /write}. */
  private static InfluxCommitter committer(StoreConfig config, String rawRp, String authorization) {
    InfluxHttpWrites writes = new InfluxHttpWrites(config.influxUrl(), config.database(), authorization);
    return new InfluxCommitter(writes, rawRp, config.retentionPolicy(), config.batchSize(), config.maxRetries(),
        config.retryBackoff());
  }

  /** Connects (no request is made unless the config asks to manage the 1.x schema, which needs the server). */
  public static TimeSeriesStore open(StoreConfig config) {
    OkHttpClient.Builder http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(60)).writeTimeout(Duration.ofSeconds(60));
    String url = config.influxUrl().toString();
    InfluxDB db;
    if (!config.token().isEmpty()) {
      String header = "Token " + config.token();
      http.addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("Authorization", header).build()));
      db = InfluxDBFactory.connect(url, http);
    } else if (!config.user().isEmpty()) {
      db = InfluxDBFactory.connect(url, config.user(), config.password(), http);
    } else {
      db = InfluxDBFactory.connect(url, http);
    }
    try {
      if (config.manageInfluxSchema()) {
        InfluxSchema.create(db, config);
      }
      return assemble(db, config);
    } catch (RuntimeException e) {
      db.close();
      throw new StoreException(StoreException.Reason.WRITE_FAILED,
          "cannot set up InfluxDB " + config.database() + " at " + url + ": " + e.getMessage(), e);
    }
  }
}
