package com.plantar.gateway.ingest;

import java.io.IOException;

/**
 * An {@link IngestSink} is out of room: the frame was not stored. The publish is refused as
 * {@link IngestVerdict#STORAGE_FULL} (MQTT 5 "quota exceeded"), and the device keeps the frame.
 */
public class StorageFullException extends IOException {
  public StorageFullException(String message) {
    super(message);
  }
}
