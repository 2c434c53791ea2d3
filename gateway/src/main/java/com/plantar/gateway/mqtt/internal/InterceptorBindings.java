package com.plantar.gateway.mqtt.internal;

import com.plantar.gateway.mqtt.InterceptorBinding;
import com.plantar.gateway.mqtt.PublishInterceptor;
import java.util.List;

/** The configured interceptor bindings, looked up by topic; immutable and thread-safe. */
record InterceptorBindings(List<InterceptorBinding> bindings) {

  InterceptorBindings {
    bindings = List.copyOf(bindings);
  }

  /** The interceptor of the first binding whose filter matches {@code topic}, or {@code null}. */
  PublishInterceptor interceptorFor(String topic) {
    for (InterceptorBinding binding : bindings) {
      if (Topics.matches(binding.topicFilter(), topic)) {
        return binding.interceptor();
      }
    }
    return null;
  }
}
