package com.plantar.gateway.mqtt.internal;

import io.netty.channel.Channel;

/**
 * A session's view of the connection it is bound to; immutable, built when CONNECT is accepted.
 *
 * @param channel the client's channel (writes from the session loop are thread-safe in Netty)
 * @param v5 whether the client speaks MQTT 5
 * @param sendQuota how many QoS 1/2 publishes may await acknowledgement (the client's receive
 *     maximum, capped by the server's outbound inflight limit)
 * @param maxPacketSize the largest packet the client accepts
 */
record Link(Channel channel, boolean v5, int sendQuota, long maxPacketSize) {

  boolean isActive() {
    return channel.isActive();
  }

  boolean isWritable() {
    return channel.isWritable();
  }
}
