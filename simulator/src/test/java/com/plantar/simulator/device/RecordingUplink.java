package com.plantar.simulator.device;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** An in-memory uplink: records publishes and holds QoS 1 deliveries until the test releases them. */
final class RecordingUplink implements Uplink {
  record Published(String suffix, byte[] payload, int qos) {}

  final List<Published> published = new ArrayList<>();
  private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
  private final int window;
  boolean online = true;
  int maxPendingSeen;

  RecordingUplink(int window) {
    this.window = window;
  }

  @Override
  public boolean isOnline() {
    return online;
  }

  @Override
  public boolean publishQos0(String suffix, byte[] payload) {
    if (!online) {
      return false;
    }
    published.add(new Published(suffix, payload, 0));
    return true;
  }

  @Override
  public boolean publishQos1(String suffix, byte[] payload, boolean retain, Runnable onDelivered) {
    if (!online || pending.size() >= window) {
      return false;
    }
    published.add(new Published(suffix, payload, 1));
    pending.add(onDelivered);
    maxPendingSeen = Math.max(maxPendingSeen, pending.size());
    return true;
  }

  @Override
  public int freeWindow() {
    return online ? window - pending.size() : 0;
  }

  /** The broker acknowledges every QoS 1 publish in flight. */
  void deliverAll() {
    while (!pending.isEmpty()) {
      pending.poll().run();
    }
  }

  List<Published> on(String suffix) {
    return published.stream().filter(p -> p.suffix().equals(suffix)).toList();
  }
}
