package com.plantar.gateway.mqtt.internal;

/**
 * MQTT topic names and filters: validation, matching (including the rule that topics starting
 * with {@code $} are not matched by a leading wildcard), whether one filter covers another, and shared
 * subscription parsing. Pure functions.
 */
public final class Topics {

  private static final String SHARE_PREFIX = "$share/";

  private Topics() {}

  /** A topic name: non-empty, no wildcards, no NUL. */
  public static boolean isValidName(String topic) {
    if (topic == null || topic.isEmpty()) {
      return false;
    }
    for (int i = 0; i < topic.length(); i++) {
      char c = topic.charAt(i);
      if (c == '+' || c == '#' || c == '\0') {
        return false;
      }
    }
    return true;
  }

  /** A topic filter: non-empty, {@code +} and {@code #} fill a level, {@code #} only last. */
  public static boolean isValidFilter(String filter) {
    if (filter == null || filter.isEmpty() || filter.indexOf('\0') >= 0) {
      return false;
    }
    String[] levels = filter.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
        return false;
      }
      if (level.contains("+") && !level.equals("+")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code filter} matches the topic name {@code topic}. Called for every PUBLISH (interceptor
   * bindings, ACLs), so it walks both strings level by level instead of splitting them.
   */
  public static boolean matches(String filter, String topic) {
    if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
      return false;
    }
    int f = 0;
    int t = 0;
    while (true) {
      int fEnd = levelEnd(filter, f);
      if (fEnd - f == 1 && filter.charAt(f) == '#') {
        return true;
      }
      if (t > topic.length()) {
        return false; // the topic has no level left for this one of the filter
      }
      int tEnd = levelEnd(topic, t);
      boolean any = fEnd - f == 1 && filter.charAt(f) == '+';
      if (!any && (fEnd - f != tEnd - t || !filter.regionMatches(f, topic, t, fEnd - f))) {
        return false;
      }
      boolean filterEnds = fEnd == filter.length();
      boolean topicEnds = tEnd == topic.length();
      if (filterEnds) {
        return topicEnds;
      }
      f = fEnd + 1;
      t = tEnd + 1; // past the topic's end when it has no more levels: only a trailing '#' still matches
    }
  }

  private static int levelEnd(String s, int from) {
    int slash = s.indexOf('/', from);
    return slash < 0 ? s.length() : slash;
  }

  /** Whether every topic that {@code filter} matches is also matched by {@code outer}. */
  public static boolean covers(String outer, String filter) {
    String[] o = outer.split("/", -1);
    String[] f = filter.split("/", -1);
    for (int i = 0; i < f.length; i++) {
      if (i < o.length && o[i].equals("#")) {
        return true;
      }
      if (i >= o.length || f[i].equals("#")) {
        return false;
      }
      if (!o[i].equals("+") && !o[i].equals(f[i])) {
        return false;
      }
      if (o[i].equals("+") && i == 0 && f[i].startsWith("$")) {
        return false;
      }
    }
    return o.length == f.length || (o.length == f.length + 1 && o[f.length].equals("#"));
  }

  /** Whether a subscription filter is a shared subscription ({@code $share/group/filter}). */
  public static boolean isShared(String filter) {
    return filter.startsWith(SHARE_PREFIX);
  }

  /**
   * Splits {@code $share/group/filter} into group and filter, or returns {@code null} when the
   * group is empty, contains a wildcard, or the filter is missing or invalid.
   */
  public static SharedFilter parseShared(String filter) {
    int slash = filter.indexOf('/', SHARE_PREFIX.length());
    if (slash < 0) {
      return null;
    }
    String group = filter.substring(SHARE_PREFIX.length(), slash);
    String inner = filter.substring(slash + 1);
    if (group.isEmpty() || group.contains("+") || group.contains("#") || !isValidFilter(inner)) {
      return null;
    }
    return new SharedFilter(group, inner);
  }

  /** The group and topic filter of a shared subscription. */
  public record SharedFilter(String group, String filter) {}
}
