package com.plantar.protocol;

/** One block of a {@link DataFrame}: decoded samples, or an opaque block v1 does not know. */
public sealed interface Block permits SampleBlock, OpaqueBlock {
  int typeCode();

  int channels();
}
