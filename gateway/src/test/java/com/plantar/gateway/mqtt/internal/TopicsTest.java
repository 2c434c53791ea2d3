package com.plantar.gateway.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
