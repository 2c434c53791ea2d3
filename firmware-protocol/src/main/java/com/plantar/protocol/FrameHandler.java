package com.plantar.protocol;

/**
 * Receives each valid frame of a payload from {@link FrameDecoder#decodePayload}. Called on the
 * decoding thread, with a view that is reused for the next frame: copy what must outlive the call.
 */
@FunctionalInterface
public interface FrameHandler {
  void onFrame(FrameView frame);
}
