package com.plantar.gateway.mqtt.internal;

/**
 * A message to send to one subscriber: its QoS (the minimum of published and granted QoS), the
 * RETAIN flag to send and the v5 subscription identifiers of the matching subscriptions.
 */
record Delivery(Message message, int qos, boolean retain, int[] subscriptionIds) {

  static final int[] NO_IDS = new int[0];
}
