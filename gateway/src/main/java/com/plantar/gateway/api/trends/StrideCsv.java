package com.plantar.gateway.api.trends;

import com.plantar.gateway.api.internal.Json;
import com.plantar.gateway.store.StrideRow;
import java.util.List;
import java.util.Locale;

/**
 * Per-stride rows as CSV: one stride a line; the header names every column with its unit (…_utc for
 * times, …_s, …_pct, …_n, …_kpa, …_mm); an empty cell is a metric not computed for that stride.
 */
final class StrideCsv {
  private StrideCsv() {}

  static String render(List<StrideRow> rows, MetricCatalog catalog) {
    List<MetricCatalog.Entry> metrics = catalog.all();
    StringBuilder csv = new StringBuilder(64 + rows.size() * 200);
    csv.append("side,device,initial_contact_utc,toe_off_utc,next_initial_contact_utc");
    for (MetricCatalog.Entry entry : metrics) {
      csv.append(',').append(entry.csvColumn());
    }
    csv.append("\r\n");
    for (StrideRow row : rows) {
      csv.append(row.side().name()).append(',').append(row.device()).append(',')
          .append(Json.timeUs(row.initialContactUtcUs())).append(',')
          .append(Json.timeUs(row.toeOffUtcUs())).append(',')
          .append(Json.timeUs(row.nextInitialContactUtcUs()));
      for (MetricCatalog.Entry entry : metrics) {
        csv.append(',');
        if (row.metrics().has(entry.metric())) {
          csv.append(String.format(Locale.ROOT, "%.6g", entry.shown(row.metrics().get(entry.metric()))));
        }
      }
      csv.append("\r\n");
    }
    return csv.toString();
  }
}
