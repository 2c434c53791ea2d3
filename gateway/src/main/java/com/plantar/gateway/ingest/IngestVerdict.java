package com.plantar.gateway.ingest;

/** What became of one MQTT publish on an insole topic. */
public enum IngestVerdict {
  /** Every frame is durable (or was already): the publish may be acknowledged. */
  ACCEPTED,
  /** A frame failed validation; frames before it were stored, it and the rest were not. */
  MALFORMED,
  /** A frame's device_id is not the topic's device: nothing of the publish was stored. */
  WRONG_DEVICE,
  /** The frame type does not belong on this topic (e.g. an ANCHOR on {@code live}). */
  WRONG_TOPIC,
  /** The shard's queue is full: nothing stored, the device must send again later. */
  OVERLOADED,
  /** The sink is out of room (journal past its disk budget): refused, the device keeps the frames. */
  STORAGE_FULL,
  /** The sink failed to store a frame: not acknowledged, the device keeps it. */
  NOT_STORED;

  public boolean accepted() {
    return this == ACCEPTED;
  }
}
