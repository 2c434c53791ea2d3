package com.plantar.gateway.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicTrieTest {

  private static List<String> matches(TopicTrie<String> trie, String topic) {
    List<String> found = new ArrayList<>();
    trie.match(topic, (key, value) -> found.add(value));
    found.sort(String::compareTo);
    return found;
  }

  @Test
  void matchesExactPlusAndHashIncludingTheParentLevel() {
    TopicTrie<String> trie = new TopicTrie<>();
    trie.put("a/b/c", "k1", "exact");
    trie.put("a/+/c", "k2", "plus");
    trie.put("a/#", "k3", "hash");
    trie.put("#", "k4", "all");
    trie.put("+/+", "k5", "two");
    assertThat(matches(trie, "a/b/c")).containsExactly("all", "exact", "hash", "plus");
    assertThat(matches(trie, "a")).containsExactly("all", "hash");
    assertThat(matches(trie, "a/x")).containsExactly("all", "hash", "two");
    assertThat(matches(trie, "b/c/d")).containsExactly("all");
  }

  @Test
  void dollarTopicsAreOnlyMatchedByFiltersThatNameTheirFirstLevel() {
    TopicTrie<String> trie = new TopicTrie<>();
    trie.put("#", "k1", "all");
    trie.put("+/status", "k2", "plus");
    trie.put("$SYS/status", "k3", "sys");
    trie.put("$SYS/#", "k4", "syshash");
    assertThat(matches(trie, "$SYS/status")).containsExactly("sys", "syshash");
    assertThat(matches(trie, "plain/status")).containsExactly("all", "plus");
  }

  /** Every valid filter and topic of up to three levels, against {@link Topics#matches}. */
  @Test
  void matchesAsTopicsMatchesForEveryShortFilterAndTopic() {
    List<String> filters = TopicsTest.combinations(List.of("a", "b", "", "+", "#", "$S"));
    List<String> topics = TopicsTest.combinations(List.of("a", "b", "", "$S"));
    TopicTrie<String> trie = new TopicTrie<>();
    List<String> valid = filters.stream().filter(Topics::isValidFilter).toList();
    for (String filter : valid) {
      trie.put(filter, filter, filter);
    }
    int checked = 0;
    for (String topic : topics) {
      if (Topics.isValidName(topic)) {
        List<String> expected = new ArrayList<>(
            valid.stream().filter(f -> Topics.matches(f, topic)).toList());
        expected.sort(String::compareTo);
        assertThat(matches(trie, topic)).as(topic).isEqualTo(expected);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(50);
  }

  @Test
  void removePrunesAndKeepsOtherKeys() {
    TopicTrie<String> trie = new TopicTrie<>();
    trie.put("a/+", "k1", "one");
    trie.put("a/+", "k2", "two");
    assertThat(trie.remove("a/+", "k1")).isEqualTo("one");
    assertThat(trie.remove("a/+", "k1")).isNull();
    assertThat(matches(trie, "a/b")).containsExactly("two");
    trie.remove("a/+", "k2");
    assertThat(matches(trie, "a/b")).isEmpty();
    assertThat(trie.get("a/+", "k2")).isNull();
  }
}
