package com.plantar.gateway.ingest;

import java.util.concurrent.CompletionStage;

/**
 * Where accepted frames go to become durable: the journal in production. The gateway acknowledges a
 * frame to its device (MQTT PUBACK and the protocol ACK) only after the returned stage completes
 * normally; a stage that completes exceptionally means "not stored", and nothing is acknowledged.
 *
 * <p>Called on the shard thread that owns the frame's device, in arrival order per device; must not
 * block. The stage may complete on any thread.
 */
public interface IngestSink {
  CompletionStage<Void> append(AcceptedFrame frame);
}
