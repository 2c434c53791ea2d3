package com.plantar.gateway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One query of a Grafana dashboard: a panel target (InfluxQL {@code query} or PromQL {@code expr}) or
 * a template variable's query, with where it came from for assertion messages.
 *
 * @param datasourceType {@code influxdb} or {@code prometheus}
 */
record DashboardQuery(String dashboard, String origin, String datasourceType, String datasourceUid, String text) {

  /** Every query of {@code dashboard}: panels (also inside rows) and template variables. */
  static List<DashboardQuery> of(JsonNode dashboard) {
    String title = dashboard.path("title").asText();
    List<DashboardQuery> queries = new ArrayList<>();
    for (JsonNode panel : panels(dashboard.path("panels"))) {
      for (JsonNode target : panel.path("targets")) {
        JsonNode source = target.has("datasource") ? target.path("datasource") : panel.path("datasource");
        String text = target.has("expr") ? target.path("expr").asText() : target.path("query").asText();
        queries.add(new DashboardQuery(title, "panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
            source.path("type").asText(), source.path("uid").asText(), text));
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("type").asText().equals("query")) {
        JsonNode source = variable.path("datasource");
        JsonNode query = variable.path("query");
        queries.add(new DashboardQuery(title, "variable $" + variable.path("name").asText(), source.path("type").asText(),
            source.path("uid").asText(), query.isTextual() ? query.asText() : query.path("query").asText()));
      }
    }
    return queries;
  }

  private static List<JsonNode> panels(JsonNode list) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode panel : list) {
      all.add(panel);
      all.addAll(panels(panel.path("panels")));
    }
    return all;
  }

  @Override
  public String toString() {
    return dashboard + " / " + origin + ": " + text;
  }
}
