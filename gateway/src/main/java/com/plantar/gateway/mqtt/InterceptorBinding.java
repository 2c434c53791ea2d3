package com.plantar.gateway.mqtt;

import com.plantar.gateway.mqtt.internal.Topics;
import java.util.Objects;

/** Binds a {@link PublishInterceptor} to the topics a filter matches; the first match wins. */
public record InterceptorBinding(String topicFilter, PublishInterceptor interceptor) {

  public InterceptorBinding {
    if (!Topics.isValidFilter(topicFilter)) {
      throw new IllegalArgumentException("not a valid topic filter: " + topicFilter);
    }
    Objects.requireNonNull(interceptor, "interceptor");
  }
}
