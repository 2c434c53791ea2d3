package com.plantar.gateway.ingest;

import com.plantar.protocol.DecodeStatus;

/**
 * The outcome of one publish: its verdict, the decoder's reason when it is {@link
 * IngestVerdict#MALFORMED}, and how many frames it carried that are now durable.
 */
public record IngestResult(IngestVerdict verdict, DecodeStatus reason, int framesStored) {
  static IngestResult accepted(int frames) {
    return new IngestResult(IngestVerdict.ACCEPTED, DecodeStatus.OK, frames);
  }

  static IngestResult refused(IngestVerdict verdict) {
    return new IngestResult(verdict, DecodeStatus.OK, 0);
  }
}
