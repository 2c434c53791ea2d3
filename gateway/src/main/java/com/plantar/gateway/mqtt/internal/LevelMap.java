package com.plantar.gateway.mqtt.internal;

import java.util.function.Supplier;

/**
 * The children of a {@link TopicTrie} node by level name. A topic is matched on every publish, so
 * a level is looked up as a region of the topic string, never cut out of it: open addressing with
 * linear probing over the level's characters (its hash is {@link String#hashCode} of the level),
 * and removal by shifting the probe run back, so no tombstones build up.
 *
 * <p>Not thread-safe: owned, as its trie, by one session loop.
 */
final class LevelMap<T> {

  private String[] keys = new String[4];
  private Object[] values = new Object[4];
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  T get(String level) {
    return get(level, 0, level.length());
  }

  /** The child named by {@code topic.substring(from, to)}, without making that string. */
  @SuppressWarnings("unchecked")
  T get(String topic, int from, int to) {
    int mask = keys.length - 1;
    for (int i = hash(topic, from, to) & mask; keys[i] != null; i = (i + 1) & mask) {
      String key = keys[i];
      if (key.length() == to - from && topic.regionMatches(from, key, 0, to - from)) {
        return (T) values[i];
      }
    }
    return null;
  }

  T computeIfAbsent(String level, Supplier<T> create) {
    T existing = get(level);
    if (existing != null) {
      return existing;
    }
    T created = create.get();
    if (3 * (size + 1) > 2 * keys.length) {
      grow();
    }
    insert(level, created);
    size++;
    return created;
  }

  @SuppressWarnings("unchecked")
  T remove(String level) {
    int mask = keys.length - 1;
    int i = hash(level, 0, level.length()) & mask;
    while (keys[i] != null && !keys[i].equals(level)) {
      i = (i + 1) & mask;
    }
    if (keys[i] == null) {
      return null;
    }
    T removed = (T) values[i];
    size--;
    // Move back into the hole each later entry of the run whose home slot is not between the hole
    // and the entry (it would no longer be found past the hole), until the run ends.
    for (int j = (i + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
      int home = hash(keys[j], 0, keys[j].length()) & mask;
      boolean homeInHoleToJ = i <= j ? i < home && home <= j : i < home || home <= j;
      if (!homeInHoleToJ) {
        keys[i] = keys[j];
        values[i] = values[j];
        i = j;
      }
    }
    keys[i] = null;
    values[i] = null;
    return removed;
  }

  private void grow() {
    String[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new String[oldKeys.length * 2];
    values = new Object[oldKeys.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        insert(oldKeys[i], oldValues[i]);
      }
    }
  }

  private void insert(String level, Object value) {
    int mask = keys.length - 1;
    int i = hash(level, 0, level.length()) & mask;
    while (keys[i] != null) {
      i = (i + 1) & mask;
    }
    keys[i] = level;
    values[i] = value;
  }

  /** {@code s.substring(from, to).hashCode()}, spread so that the low bits differ. */
  private static int hash(String s, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + s.charAt(i);
    }
    return h ^ (h >>> 16);
  }
}
