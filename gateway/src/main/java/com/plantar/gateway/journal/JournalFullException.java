package com.plantar.gateway.journal;

import com.plantar.gateway.ingest.StorageFullException;

/**
 * The journal has reached its disk budget: the frame was not written. Devices keep such frames in
 * flash and send them again; the gateway refuses them (MQTT 5 "quota exceeded") instead of
 * acknowledging what it could not store.
 */
public final class JournalFullException extends StorageFullException {
  public JournalFullException(long usedBytes, long limitBytes) {
    super("journal holds " + usedBytes + " bytes, its limit is " + limitBytes);
  }
}
