package com.plantar.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing of the decoder (Jazzer). In a normal build this runs as a regression test
 * over the inputs in {@code src/test/resources/.../FrameDecoderFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes (see PROTOCOL.md §16 for the command and the last long run).
 *
 * <p>Properties: no input makes the decoder throw; whatever it accepts is content the encoder can
 * write again, and that writing decodes to the same content (decoding is a function of the bytes).
 */
class FrameDecoderFuzzTest {
  private final FrameDecoder decoder = new FrameDecoder();
  private final FrameEncoder encoder = new FrameEncoder();
  private final FrameView view = new FrameView();
  private final FrameView again = new FrameView();

  @FuzzTest(maxDuration = "5m")
  void decodesAnyBytesWithoutThrowing(byte[] input) {
    decoder.decodePayload(ByteBuffer.wrap(input), view, this::reencodes);
    ByteBuffer direct = ByteBuffer.allocateDirect(input.length).put(input).flip();
    decoder.decodePayload(direct, view, frame -> { });
  }

  private void reencodes(FrameView frame) {
    Message message = frame.toMessage();
    byte[] bytes = encoder.encode(message);
    FrameDecoder second = new FrameDecoder();
    assertThat(second.decode(bytes, 0, bytes.length, again)).isEqualTo(DecodeStatus.OK);
    assertThat(again.toMessage()).isEqualTo(message);
  }
}
