package com.plantar.gateway.mqtt;

import com.plantar.gateway.mqtt.internal.Topics;
import java.util.List;

/**
 * Development mode ({@code plantar serve --open}): every client may connect and use any topic,
 * except topics matched by a configured deny list of topic filters: publishing to such a topic is
 * refused, and so is a subscription whose every topic is denied (e.g. {@code forbidden/x} or {@code
 * forbidden/#} under {@code forbidden/#}). A broader subscription such as {@code #} is allowed: it
 * cannot receive denied topics, since nobody may publish to them. Immutable and thread-safe.
 */
public final class OpenMqttSecurity implements MqttSecurity {

  private final List<String> deniedFilters;

  public OpenMqttSecurity(List<String> deniedFilters) {
    for (String filter : deniedFilters) {
      if (!Topics.isValidFilter(filter)) {
        throw new IllegalArgumentException("not a valid topic filter: " + filter);
      }
    }
    this.deniedFilters = List.copyOf(deniedFilters);
  }

  @Override
  public ConnectVerdict connect(
      String clientId, String username, byte[] password, String verifiedCertCn) {
    return ConnectVerdict.accept(verifiedCertCn != null ? verifiedCertCn : clientId);
  }

  @Override
  public boolean mayPublish(ClientIdentity client, String topic) {
    for (String denied : deniedFilters) {
      if (Topics.matches(denied, topic)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean maySubscribe(ClientIdentity client, String topicFilter) {
    for (String denied : deniedFilters) {
      if (Topics.covers(denied, topicFilter)) {
        return false;
      }
    }
    return true;
  }
}
