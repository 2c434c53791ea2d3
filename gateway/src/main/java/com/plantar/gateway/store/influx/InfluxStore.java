package com.plantar.gateway.store.influx;

import com.plantar.gateway.store.AlertEvent;
import com.plantar.gateway.store.BalanceRow;
import com.plantar.gateway.store.RawSample;
import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.StoreConfig;
import com.plantar.gateway.store.StoreException;
import com.plantar.gateway.store.StoreStats;
import com.plantar.gateway.store.StrideMetric;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TimeSeriesStore;
import com.plantar.gateway.store.TrendBucket;
import com.plantar.gateway.store.TrendPoint;
import com.plantar.gateway.store.WindowSummaryRow;
import com.plantar.gateway.store.internal.StoreWrite;
import com.plantar.gateway.store.internal.StoreWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/**
 * InfluxDB 1.x, 2.x (v1 compatibility API) or 3.x over the v1 HTTP API with influxdb-java: line
 * protocol to {@code /write}, InfluxQL on {@code /query}. Credentials: a user and password (Basic;
 * 1.x users, 2.x v1 authorizations, 3.x with the token as password) or a token ({@code
 * Authorization: Token …}; 2.x, 3.x, and 1.8+ as {@code user:password}).
 *
 * <p>Threads: one writer thread, {@code plantar-store-influx}, sends every {@code /write} (see {@link
 * TimeSeriesStore} for the write contract); reads run on the caller's thread.
 */
public final class InfluxStore implements TimeSeriesStore {
  private final InfluxDB db;
  private final StoreWriter writer;
  private final InfluxReads reads;

  private InfluxStore(InfluxDB db, StoreConfig config) {
    this.db = db;
    String rawRp = config.manageInfluxSchema() ? InfluxSchema.RAW_RP : config.retentionPolicy();
    this.reads = new InfluxReads(db, config.database(), rawRp, config.retentionPolicy());
    InfluxCommitter committer = new InfluxCommitter(db, config.database(), rawRp, config.retentionPolicy(),
        config.batchSize(), config.maxRetries(), config.retryBackoff());
    this.writer = new StoreWriter("plantar-store-influx", config.queueCapacity(), config.batchSize(), committer);
  }

  /** Connects (no request is made unless the config asks to manage the 1.x schema, which needs the server). */
  public static InfluxStore open(StoreConfig config) {
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
      return new InfluxStore(db, config);
    } catch (RuntimeException e) {
      db.close();
      throw new StoreException(StoreException.Reason.WRITE_FAILED,
          "cannot set up InfluxDB " + config.database() + " at " + url + ": " + e.getMessage(), e);
    }
  }

  @Override
  public CompletionStage<Void> writeRawSamples(RawSampleBatch batch) {
    return writer.submit(new StoreWrite.Raw(batch));
  }

  @Override
  public CompletionStage<Void> writeStrides(List<StrideRow> rows) {
    return writer.submit(new StoreWrite.Strides(List.copyOf(rows)));
  }

  @Override
  public CompletionStage<Void> writeWindowSummaries(List<WindowSummaryRow> rows) {
    return writer.submit(new StoreWrite.Windows(List.copyOf(rows)));
  }

  @Override
  public CompletionStage<Void> writeBalance(List<BalanceRow> rows) {
    return writer.submit(new StoreWrite.Balance(List.copyOf(rows)));
  }

  @Override
  public CompletionStage<Void> writeAlerts(List<AlertEvent> events) {
    return writer.submit(new StoreWrite.Alerts(List.copyOf(events)));
  }

  @Override
  public CompletionStage<Void> flush() {
    return writer.flush();
  }

  @Override
  public List<RawSample> readRawSamples(String tenant, String device, TimeRange range) {
    return reads.raw(tenant, device, range);
  }

  @Override
  public List<StrideRow> readStrides(String tenant, String wearer, TimeRange range) {
    return reads.strides(tenant, wearer, range);
  }

  @Override
  public List<WindowSummaryRow> readWindowSummaries(String tenant, String wearer, TimeRange range) {
    return reads.windows(tenant, wearer, range);
  }

  @Override
  public List<BalanceRow> readBalance(String tenant, String wearer, TimeRange range) {
    return reads.balance(tenant, wearer, range);
  }

  @Override
  public List<AlertEvent> readAlerts(String tenant, String wearer, TimeRange range) {
    return reads.alerts(tenant, wearer, range);
  }

  @Override
  public List<TrendPoint> readStrideTrend(String tenant, String wearer, StrideMetric metric, TrendBucket bucket,
      TimeRange range) {
    return reads.strideTrend(tenant, wearer, metric, bucket, range);
  }

  @Override
  public StoreStats stats() {
    return writer.stats();
  }

  @Override
  public void close() {
    writer.close();
    db.close();
  }
}
