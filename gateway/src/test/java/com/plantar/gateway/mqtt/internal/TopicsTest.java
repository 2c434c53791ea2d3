package com.plantar.gateway.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void validatesFiltersAndNames() {
    assertThat(Topics.isValidFilter("a/+/b/#")).isTrue();
    assertThat(Topics.isValidFilter("#")).isTrue();
    assertThat(Topics.isValidFilter("a/#/b")).isFalse();
    assertThat(Topics.isValidFilter("a/b#")).isFalse();
    assertThat(Topics.isValidFilter("a+/b")).isFalse();
    assertThat(Topics.isValidFilter("")).isFalse();
    assertThat(Topics.isValidName("a/b")).isTrue();
    assertThat(Topics.isValidName("a/+")).isFalse();
    assertThat(Topics.isValidName("")).isFalse();
  }

  @Test
  void matchesLikeTheSpecIncludingDollarTopics() {
    assertThat(Topics.matches("sport/#", "sport")).isTrue();
    assertThat(Topics.matches("sport/+", "sport")).isFalse();
    assertThat(Topics.matches("sport/+", "sport/")).isTrue();
    assertThat(Topics.matches("#", "$SYS/x")).isFalse();
    assertThat(Topics.matches("+/x", "$SYS/x")).isFalse();
    assertThat(Topics.matches("$SYS/#", "$SYS/x")).isTrue();
  }

  @Test
  void matchesAsTheLevelByLevelDefinitionForEveryShortFilterAndTopic() {
    List<String> filters = combinations(List.of("a", "b", "", "+", "#", "$S"));
    List<String> topics = combinations(List.of("a", "b", "", "$S"));
    int checked = 0;
    for (String filter : filters) {
      if (!Topics.isValidFilter(filter)) {
        continue;
      }
      for (String topic : topics) {
        if (Topics.isValidName(topic)) {
          assertThat(Topics.matches(filter, topic)).as("%s matches %s", filter, topic)
              .isEqualTo(definition(filter, topic));
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(10_000);
  }

  /** Every name of one to three levels drawn from {@code levels}. */
  static List<String> combinations(List<String> levels) {
    List<String> out = new ArrayList<>();
    for (String a : levels) {
      out.add(a);
      for (String b : levels) {
        out.add(a + "/" + b);
        for (String c : levels) {
          out.add(a + "/" + b + "/" + c);
        }
      }
    }
    return out;
  }

  /** MQTT 3.1.1 §4.7 and 5.0 §4.7, level by level. */
  private static boolean definition(String filter, String topic) {
    if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
      return false;
    }
    String[] f = filter.split("/", -1);
    String[] t = topic.split("/", -1);
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("#")) {
        return true;
      }
      if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
        return false;
      }
    }
    return f.length == t.length;
  }

  @Test
  void coversOnlyWhenEveryTopicOfTheFilterIsInside() {
    assertThat(Topics.covers("forbidden/#", "forbidden")).isTrue();
    assertThat(Topics.covers("forbidden/#", "forbidden/a/+")).isTrue();
    assertThat(Topics.covers("forbidden/#", "forbidden/#")).isTrue();
    assertThat(Topics.covers("forbidden/#", "#")).isFalse();
    assertThat(Topics.covers("forbidden/#", "+/x")).isFalse();
    assertThat(Topics.covers("a/+", "a/b")).isTrue();
    assertThat(Topics.covers("a/+", "a/+")).isTrue();
    assertThat(Topics.covers("a/b", "a/+")).isFalse();
    assertThat(Topics.covers("+/x", "$SYS/x")).isFalse();
  }

  @Test
  void parsesSharedSubscriptions() {
    assertThat(Topics.parseShared("$share/g/a/+")).isEqualTo(new Topics.SharedFilter("g", "a/+"));
    assertThat(Topics.parseShared("$share//a")).isNull();
    assertThat(Topics.parseShared("$share/g")).isNull();
    assertThat(Topics.parseShared("$share/g+/a")).isNull();
  }
}
