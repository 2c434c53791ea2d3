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

  record Raw(RawSampleBatch batch) implements StoreWrite {
    public int rowCount() {
      return batch.sampleCount();
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
