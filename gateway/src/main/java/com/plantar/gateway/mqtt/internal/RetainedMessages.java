package com.plantar.gateway.mqtt.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One session loop's replica of the retained messages, by topic. Every loop sees every publish in
 * the same order, so the replicas agree. Matching a new subscription scans all retained topics,
 * which is fine for the two retained topics per device (hello, state). Owned by its session loop.
 */
final class RetainedMessages {

  private final Map<String, Message> byTopic = new HashMap<>();

  /** Keeps a retained publish; an empty payload deletes the topic's retained message. */
  void store(Message message) {
    if (message.payload().length == 0) {
      byTopic.remove(message.topic());
    } else {
      byTopic.put(message.topic(), message);
    }
  }

  /** The unexpired retained messages a filter matches; expired ones are dropped on the way. */
  List<Message> matching(String filter, long nowNanos) {
    List<Message> found = new ArrayList<>(1);
    for (Iterator<Message> it = byTopic.values().iterator(); it.hasNext(); ) {
      Message message = it.next();
      if (message.expired(nowNanos)) {
        it.remove();
      } else if (Topics.matches(filter, message.topic())) {
        found.add(message);
      }
    }
    return found;
  }
}
