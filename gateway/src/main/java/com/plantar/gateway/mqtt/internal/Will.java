package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.mqtt.ClientIdentity;

/**
 * A will message, its v5 will delay, and the identity of the client that set it (wills pass
 * through the publish interceptor bound to their topic, like the client's own publishes).
 */
record Will(Message message, long delaySeconds, ClientIdentity client) {

  Will withClient(ClientIdentity identity) {
    return new Will(message, delaySeconds, identity);
  }
}
