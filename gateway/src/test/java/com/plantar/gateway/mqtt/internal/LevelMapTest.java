package com.plantar.gateway.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LevelMapTest {

  @Test
  void looksUpALevelInsideATopicWithoutCuttingItOut() {
    LevelMap<String> map = new LevelMap<>();
    map.computeIfAbsent("device-7", () -> "seven");
    map.computeIfAbsent("", () -> "empty");
    String topic = "insole/v1/acme/device-7/data";
    int from = topic.indexOf("device-7");
    assertThat(map.get(topic, from, from + 8)).isEqualTo("seven");
    assertThat(map.get(topic, from, from + 7)).isNull();
    assertThat(map.get(topic, 0, 0)).isEqualTo("empty");
    assertThat(map.computeIfAbsent("device-7", () -> "other")).isEqualTo("seven");
  }

  /**
   * Random puts and removes over a few keys whose hashes collide in the low bits (long probe runs
   * that removals must shift back), compared after every step with a HashMap.
   */
  @Test
  void agreesWithAHashMapThroughRandomPutsAndRemoves() {
    String[] keys = new String[40];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = i % 2 == 0 ? "k" + i : "Aa".repeat(i % 5) + "BB".repeat(5 - i % 5) + i / 10;
    }
    Random random = new Random(7);
    LevelMap<Integer> map = new LevelMap<>();
    Map<String, Integer> model = new HashMap<>();
    for (int step = 0; step < 20_000; step++) {
      String key = keys[random.nextInt(keys.length)];
      if (random.nextInt(3) == 0) {
        assertThat(map.remove(key)).isEqualTo(model.remove(key));
      } else {
        int value = step;
        assertThat(map.computeIfAbsent(key, () -> value))
            .isEqualTo(model.computeIfAbsent(key, k -> value));
      }
      for (String k : keys) {
        assertThat(map.get(k)).as("step %d, %s", step, k).isEqualTo(model.get(k));
      }
      assertThat(map.isEmpty()).isEqualTo(model.isEmpty());
    }
  }
}
