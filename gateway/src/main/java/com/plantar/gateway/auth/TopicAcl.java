package com.plantar.gateway.auth;

/**
 * What a connected {@link Principal} may publish and subscribe to. Pure and thread-safe, no I/O: cheap
 * enough to call for every PUBLISH on the event loop.
 *
 * <p>The rule (PROTOCOL §5.2): under {@code insole/v1/{tenant}/{deviceId}/} of a device the principal
 * acts for, publish {@code hello state live sync time/req anchor evt}, subscribe {@code ack time/res
 * cmd}; nothing else, no wildcards in subscriptions, no {@code $} topics.
 */
public interface TopicAcl {

  AclDecision mayPublish(Principal principal, String topic);

  AclDecision maySubscribe(Principal principal, String topicFilter);
}
