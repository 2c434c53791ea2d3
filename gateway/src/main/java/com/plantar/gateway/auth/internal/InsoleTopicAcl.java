package com.plantar.gateway.auth.internal;

import com.plantar.gateway.auth.AclDecision;
import com.plantar.gateway.auth.InsoleTopic;
import com.plantar.gateway.auth.Principal;
import com.plantar.gateway.auth.TopicAcl;
import java.util.Optional;

/**
 * The insole topic ACL of PROTOCOL §5.2. A principal may use only the prefixes {@code
 * insole/v1/{its tenant}/{deviceId}/} of the devices it acts for, publish only device-to-gateway
 * suffixes and subscribe only gateway-to-device ones.
 *
 * <p>Wildcards: devices and hubs may not subscribe with {@code +} or {@code #} at all. A wildcard filter
 * would have to be proven to match nothing outside the principal's rights; refusing them is the simplest
 * rule that is obviously safe, and a device needs only its three exact topics. {@code $} topics ({@code
 * $SYS/...}, {@code $share/...}) are outside every prefix and so denied.
 *
 * <p>Order of checks, which fixes the reason given: empty topic, wildcards, root, parse, prefix,
 * direction. Stateless and thread-safe.
 */
public final class InsoleTopicAcl implements TopicAcl {

  @Override
  public AclDecision mayPublish(Principal principal, String topic) {
    if (topic == null || topic.isEmpty() || hasWildcard(topic)) {
      // A topic name with a wildcard is a protocol error, not a request for more rights.
      return AclDecision.DENY_MALFORMED_TOPIC;
    }
    return check(principal, topic, true);
  }

  @Override
  public AclDecision maySubscribe(Principal principal, String topicFilter) {
    if (topicFilter == null || topicFilter.isEmpty()) {
      return AclDecision.DENY_MALFORMED_TOPIC;
    }
    if (hasWildcard(topicFilter)) {
      return AclDecision.DENY_WILDCARD;
    }
    return check(principal, topicFilter, false);
  }

  private static AclDecision check(Principal principal, String topic, boolean publishing) {
    if (!topic.startsWith(InsoleTopic.ROOT)) {
      return AclDecision.DENY_NOT_OWN_PREFIX;
    }
    Optional<InsoleTopic> parsed = InsoleTopic.parse(topic);
    if (parsed.isEmpty()) {
      return AclDecision.DENY_MALFORMED_TOPIC;
    }
    InsoleTopic t = parsed.get();
    if (!t.tenant().equals(principal.tenant()) || !principal.deviceIds().contains(t.deviceHex())) {
      return AclDecision.DENY_NOT_OWN_PREFIX;
    }
    if (t.suffix().publishedByDevice() != publishing) {
      return AclDecision.DENY_WRONG_DIRECTION;
    }
    return AclDecision.ALLOW;
  }

  private static boolean hasWildcard(String topic) {
    return topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0;
  }
}
