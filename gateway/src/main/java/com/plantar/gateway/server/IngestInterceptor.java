package com.plantar.gateway.server;

import com.plantar.gateway.auth.InsoleTopic;
import com.plantar.gateway.ingest.IngestResult;
import com.plantar.gateway.ingest.InsoleIngest;
import com.plantar.gateway.mqtt.InboundPublish;
import com.plantar.gateway.mqtt.PublishInterceptor;
import com.plantar.gateway.mqtt.PublishVerdict;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Puts the ingest path behind the broker: a publish on an insole topic is acknowledged only when
 * {@link InsoleIngest} says its frames are durable, and refused with the MQTT 5 reason that says why
 * (v3 clients are disconnected by the broker instead). Called on event loops; never blocks.
 */
final class IngestInterceptor implements PublishInterceptor {
  static final String TOPIC_FILTER = InsoleTopic.ROOT + "#";

  private final InsoleIngest ingest;

  IngestInterceptor(InsoleIngest ingest) {
    this.ingest = ingest;
  }

  @Override
  public CompletionStage<PublishVerdict> intercept(InboundPublish publish) {
    Optional<InsoleTopic> topic = InsoleTopic.parse(publish.topic());
    if (topic.isEmpty()) {
      return CompletableFuture.completedFuture(PublishVerdict.reject(0x90, "not an insole topic"));
    }
    return ingest.onPublish(topic.get(), publish.payload().duplicate()).thenApply(IngestInterceptor::verdict);
  }

  static PublishVerdict verdict(IngestResult result) {
    return switch (result.verdict()) {
      case ACCEPTED -> PublishVerdict.ACCEPT;
      case MALFORMED -> PublishVerdict.reject(0x99, "invalid frame: " + result.reason()
          + (result.framesStored() > 0 ? " after " + result.framesStored() + " stored" : ""));
      case WRONG_DEVICE -> PublishVerdict.reject(0x87, "frame device_id differs from the topic");
      case WRONG_TOPIC -> PublishVerdict.reject(0x90, "frame type does not belong on this topic");
      case OVERLOADED -> PublishVerdict.reject(0x97, "gateway busy, send again later");
      case STORAGE_FULL -> PublishVerdict.reject(0x97, "storage full, keep the frames");
      case NOT_STORED -> PublishVerdict.reject(0x80, "not stored, send again");
    };
  }
}
