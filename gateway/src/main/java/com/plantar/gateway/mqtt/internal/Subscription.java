package com.plantar.gateway.mqtt.internal;

/**
 * One subscription of one session.
 *
 * @param clientId the subscriber
 * @param filter the topic filter as matched (without a {@code $share/group/} prefix)
 * @param shareGroup the shared subscription group, or {@code null}
 * @param qos the granted maximum QoS
 * @param noLocal do not deliver the subscriber's own publishes
 * @param retainAsPublished keep the RETAIN flag of forwarded messages
 * @param retainHandling 0 send retained on subscribe, 1 only for a new subscription, 2 never
 * @param subscriptionId v5 subscription identifier, 0 for none
 */
record Subscription(
    String clientId,
    String filter,
    String shareGroup,
    int qos,
    boolean noLocal,
    boolean retainAsPublished,
    int retainHandling,
    int subscriptionId) {

  /** The key under which the session stores it: the filter as the client wrote it. */
  String sessionKey() {
    return shareGroup == null ? filter : "$share/" + shareGroup + "/" + filter;
  }
}
