package com.plantar.gateway.store.internal;

import com.plantar.gateway.store.AlertEvent;
import com.plantar.gateway.store.BalanceRow;
import com.plantar.gateway.store.RawSampleBatch;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.WindowSummaryRow;
import java.util.List;

/** One write call's rows, as queued for a store's writer thread. */
public sealed interface StoreWrite {
  int rowCount();

  /** Whose rows these are, for a log line: type, tenant and series, first time. */
  default String describe() {
    if (this instanceof Raw r && !r.batches().isEmpty()) {
      RawSampleBatch b = r.batches().get(0);
      return "raw samples of " + b.tenant() + "/" + b.device() + " " + b.side() + " from "
          + (b.sampleCount() == 0 ? "-" : b.sampleTimesUtcUs()[0]) + " µs"
          + (r.batches().size() > 1 ? " and " + (r.batches().size() - 1) + " more batches" : "");
    } else if (this instanceof Strides s && !s.rows().isEmpty() && s.rows().get(0) != null) {
      return "strides of " + s.rows().get(0).tenant() + "/" + s.rows().get(0).wearer();
    } else if (this instanceof Windows w && !w.rows().isEmpty() && w.rows().get(0) != null) {
      return "window summaries of " + w.rows().get(0).tenant() + "/" + w.rows().get(0).wearer();
    } else if (this instanceof Balance b && !b.rows().isEmpty() && b.rows().get(0) != null) {
      return "balance rows of " + b.rows().get(0).tenant() + "/" + b.rows().get(0).wearer();
    } else if (this instanceof Alerts a && !a.events().isEmpty() && a.events().get(0) != null) {
      return "alerts of " + a.events().get(0).tenant() + "/" + a.events().get(0).wearer();
    }
    return getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  /** Raw samples of one or many devices, committed together; {@code rowCount} is their sample total. */
  record Raw(List<RawSampleBatch> batches, int rowCount) implements StoreWrite {
    public static Raw of(List<RawSampleBatch> batches) {
      int rows = 0;
      for (RawSampleBatch b : batches) {
        rows += b.sampleCount();
      }
      return new Raw(batches, rows);
    }
  }

  record Strides(List<StrideRow> rows) implements StoreWrite {
    public int rowCount() {
      return rows.size();
    }
  }

  record Windows(List<WindowSummaryRow> rows) implements StoreWrite {
    public int rowCount() {
      return rows.size();
    }
  }

  record Balance(List<BalanceRow> rows) implements StoreWrite {
    public int rowCount() {
      return rows.size();
    }
  }

  record Alerts(List<AlertEvent> events) implements StoreWrite {
    public int rowCount() {
      return events.size();
    }
  }
}
