package com.plantar.gateway.store;

import com.plantar.gateway.store.influx.InfluxStore;
import com.plantar.gateway.store.questdb.QuestDbStore;

/** Opens the store a {@link StoreConfig} asks for. */
public final class TimeSeriesStores {
  private TimeSeriesStores() {}

  /**
   * Opens (and for QuestDB creates) the store: tables or databases are made ready before this
   * returns, and the store's writer thread is running. Throws {@link StoreException} if it cannot.
   */
  public static TimeSeriesStore open(StoreConfig config) {
    return switch (config.kind()) {
      case QUESTDB -> QuestDbStore.open(config);
      case INFLUXDB -> InfluxStore.open(config);
    };
  }
}
