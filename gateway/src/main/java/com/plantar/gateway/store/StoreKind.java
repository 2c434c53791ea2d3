package com.plantar.gateway.store;

public enum StoreKind {
  /** QuestDB embedded in the gateway process, in its data directory (the default). */
  QUESTDB,
  /** An InfluxDB 1.x, 2.x or 3.x server, over the v1 HTTP API. */
  INFLUXDB
}
