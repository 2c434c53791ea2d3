package com.plantar.gateway.store.internal;

import com.plantar.gateway.store.AlertEvent;
import com.plantar.gateway.store.BalanceRow;
import com.plantar.gateway.store.RawSample;
import com.plantar.gateway.store.StrideMetric;
import com.plantar.gateway.store.StrideRow;
import com.plantar.gateway.store.TimeRange;
import com.plantar.gateway.store.TrendBucket;
import com.plantar.gateway.store.TrendPoint;
import com.plantar.gateway.store.WindowSummaryRow;
import java.util.List;

/** The read side of an adapter, as {@link com.plantar.gateway.store.TimeSeriesStore} documents it. */
public interface StoreReads {
  List<RawSample> raw(String tenant, String device, TimeRange range);

  List<StrideRow> strides(String tenant, String wearer, TimeRange range);

  List<WindowSummaryRow> windows(String tenant, String wearer, TimeRange range);

  List<BalanceRow> balance(String tenant, String wearer, TimeRange range);

  List<AlertEvent> alerts(String tenant, String wearer, TimeRange range);

  List<TrendPoint> strideTrend(String tenant, String wearer, StrideMetric metric, TrendBucket bucket,
      TimeRange range);
}
