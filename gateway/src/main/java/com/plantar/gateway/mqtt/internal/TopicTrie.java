package com.plantar.gateway.mqtt.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Topic filters in a trie, one level per node; each filter holds values by key (a client id, a
 * shared group name). {@link #match} visits every value whose filter matches a topic name, honouring
 * {@code +}, {@code #} (which also matches its parent level) and the rule that topics starting with
 * {@code $} are not matched by a leading wildcard.
 *
 * <p>Not thread-safe: each instance is owned by one session loop.
 */
final class TopicTrie<V> {

  private static final class Node<V> {
    final LevelMap<Node<V>> children = new LevelMap<>();
    Map<String, V> values;

    boolean isEmpty() {
      return children.isEmpty() && (values == null || values.isEmpty());
    }
  }

  private final Node<V> root = new Node<>();

  /** Stores {@code value} under {@code key} for {@code filter}; returns the value it replaced. */
  V put(String filter, String key, V value) {
    Node<V> node = root;
    for (String level : filter.split("/", -1)) {
      node = node.children.computeIfAbsent(level, Node::new);
    }
    if (node.values == null) {
      node.values = new HashMap<>(2);
    }
    return node.values.put(key, value);
  }

  V get(String filter, String key) {
    Node<V> node = root;
    for (String level : filter.split("/", -1)) {
      node = node.children.get(level);
      if (node == null) {
        return null;
      }
    }
    return node.values == null ? null : node.values.get(key);
  }

  /** Removes the value under {@code key} for {@code filter}, pruning empty nodes. */
  V remove(String filter, String key) {
    return remove(root, filter.split("/", -1), 0, key);
  }

  private V remove(Node<V> node, String[] levels, int depth, String key) {
    if (depth == levels.length) {
      return node.values == null ? null : node.values.remove(key);
    }
    Node<V> child = node.children.get(levels[depth]);
    if (child == null) {
      return null;
    }
    V removed = remove(child, levels, depth + 1, key);
    if (child.isEmpty()) {
      node.children.remove(levels[depth]);
    }
    return removed;
  }

  /**
   * Calls {@code visitor} with (key, value) for every filter matching {@code topic}. Runs on every
   * publish, so it walks the topic by index and allocates nothing.
   */
  void match(String topic, BiConsumer<String, V> visitor) {
    match(root, topic, 0, topic.startsWith("$"), visitor);
  }

  /** {@code from}: where the topic's next level starts; past its end once every level matched. */
  private void match(
      Node<V> node, String topic, int from, boolean dollarTopic, BiConsumer<String, V> visitor) {
    boolean wildcardsAllowed = !(from == 0 && dollarTopic);
    if (wildcardsAllowed) {
      Node<V> hash = node.children.get("#");
      if (hash != null) {
        visitAll(hash, visitor);
      }
    }
    if (from > topic.length()) {
      visitAll(node, visitor);
      return;
    }
    int end = topic.indexOf('/', from);
    if (end < 0) {
      end = topic.length();
    }
    Node<V> exact = node.children.get(topic, from, end);
    if (exact != null) {
      match(exact, topic, end + 1, dollarTopic, visitor);
    }
    if (wildcardsAllowed) {
      Node<V> plus = node.children.get("+");
      if (plus != null) {
        match(plus, topic, end + 1, dollarTopic, visitor);
      }
    }
  }

  private void visitAll(Node<V> node, BiConsumer<String, V> visitor) {
    if (node.values != null) {
      node.values.forEach(visitor);
    }
  }
}
