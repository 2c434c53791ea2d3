package com.plantar.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dashboard files as Grafana loads them: unique ids, every panel placed and with a data source. */
class DashboardStructureTest {

  @Test
  void givesEveryDashboardAUniqueUidAndEveryPanelAUniqueIdAndPlace() {
    Set<String> uids = new HashSet<>();
    for (Path file : DeployFiles.dashboards()) {
      JsonNode dashboard = DeployFiles.json(file);
      assertThat(uids.add(dashboard.path("uid").asText())).as(file + " uid").isTrue();
      assertThat(dashboard.path("title").asText()).as(file + " title").isNotBlank();
      assertThat(dashboard.path("editable").asBoolean(true)).as(file + " is provisioned read-only").isFalse();
      Set<Integer> ids = new HashSet<>();
      for (JsonNode panel : dashboard.path("panels")) {
        String name = file.getFileName() + " panel '" + panel.path("title").asText() + "'";
        assertThat(ids.add(panel.path("id").asInt())).as(name + " id").isTrue();
        JsonNode grid = panel.path("gridPos");
        assertThat(grid.path("w").asInt()).as(name + " width").isBetween(1, 24);
        assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(name + " right edge").isLessThanOrEqualTo(24);
        assertThat(grid.path("h").asInt()).as(name + " height").isPositive();
        assertThat(panel.path("targets").size()).as(name + " queries").isPositive();
        Set<String> refIds = new HashSet<>();
        panel.path("targets").forEach(t -> assertThat(refIds.add(t.path("refId").asText())).as(name + " refId").isTrue());
      }
    }
  }

  @Test
  void placesNoPanelOverAnother() {
    for (Path file : DeployFiles.dashboards()) {
      JsonNode panels = DeployFiles.json(file).path("panels");
      for (int i = 0; i < panels.size(); i++) {
        for (int j = i + 1; j < panels.size(); j++) {
          assertThat(overlap(panels.get(i).path("gridPos"), panels.get(j).path("gridPos")))
              .as(file.getFileName() + ": '" + panels.get(i).path("title").asText() + "' and '"
                  + panels.get(j).path("title").asText() + "'")
              .isFalse();
        }
      }
    }
  }

  private static boolean overlap(JsonNode a, JsonNode b) {
    return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
        && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
        && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
        && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
  }
}
