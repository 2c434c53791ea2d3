package com.plantar.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Encode → decode gives back the content, for any content the records accept. */
class RoundTripProperties {
  private final FrameEncoder encoder = new FrameEncoder();
  private final FrameDecoder decoder = new FrameDecoder();
  private final FrameView view = new FrameView();

  @Property(tries = 400)
  void dataFramesSurviveEncodeAndDecode(@ForAll("dataFrames") DataFrame frame) {
    byte[] bytes = encoder.encode(frame);
    assertThat(bytes).hasSize(encoder.encodedLength(frame));
    assertThat(decoder.decode(bytes, 0, bytes.length, view)).isEqualTo(DecodeStatus.OK);
    assertThat(view.toMessage()).isEqualTo(frame);
    assertThat(encoder.encode(view.toMessage())).isEqualTo(bytes);
  }

  @Property(tries = 300)
  void controlMessagesSurviveEncodeAndDecode(@ForAll("controlMessages") Message message) {
    byte[] bytes = encoder.encode(message);
    assertThat(decoder.decode(bytes, 0, bytes.length, view)).isEqualTo(DecodeStatus.OK);
    assertThat(view.toMessage()).isEqualTo(message);
  }

  @Provide
  Arbitrary<DataFrame> dataFrames() {
    Arbitrary<Integer> samples = Arbitraries.oneOf(Arbitraries.integers().between(1, 60),
        Arbitraries.of(1, 2, 1024));
    return samples.flatMap(k -> Combinators.combine(headers(), Arbitraries.longs().between(0, 0xFFFF_FFFFL),
            Arbitraries.longs(), Arbitraries.longs().between(0, 0xFFFF_FFFFL), blocks(k).list().ofMinSize(1).ofMaxSize(3)
                .filter(RoundTripProperties::distinctTypes))
        .as((header, seq, tFirst, span, blocks) ->
            new DataFrame(header, seq, tFirst, k == 1 ? 0 : span, k, 0x1234, new ArrayList<>(blocks))));
  }

  private static boolean distinctTypes(List<SampleBlock> blocks) {
    return blocks.stream().map(SampleBlock::type).distinct().count() == blocks.size();
  }

  private Arbitrary<SampleBlock> blocks(int samples) {
    return Combinators.combine(Arbitraries.of(BlockType.class), Arbitraries.of(Encoding.class),
            Arbitraries.integers().between(1, 64), Arbitraries.integers().between(0, 4))
        .flatAs((type, encoding, wantedChannels, shape) -> {
          int channels = type == BlockType.IMU6 ? 6 : type == BlockType.TEMPERATURE
              ? 1 + wantedChannels % 8 : wantedChannels;
          if (samples * channels > 4096) {
            channels = Math.max(type == BlockType.IMU6 ? 6 : 1, 4096 / samples);
          }
          if (type == BlockType.IMU6 && samples * 6 > 6144) {
            return Arbitraries.just(null);
          }
          int min = type.minValue(encoding);
          int max = type.maxValue(encoding);
          int finalChannels = channels;
          Arbitrary<Integer> values = shape == 0
              ? Arbitraries.integers().between(min, max)                       // noise: wide deltas
              : Arbitraries.integers().between(Math.max(min, -50), Math.min(max, 50)); // small values
          return values.array(int[].class).ofSize(samples * finalChannels)
              .map(array -> new SampleBlock(type, encoding, finalChannels, array));
        }).filter(block -> block != null);
  }

  private Arbitrary<FrameHeader> headers() {
    Arbitrary<List<Extension>> extensions = Combinators.combine(Arbitraries.integers().between(2, 255),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(20))
        .as(Extension::new).list().ofMaxSize(3);
    return Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.longs(),
            Arbitraries.longs().between(0, 0xFFFF_FFFFL), extensions)
        .as(FrameHeader::new);
  }

  @Provide
  Arbitrary<Message> controlMessages() {
    Arbitrary<List<SeqRange>> ranges = Combinators.combine(Arbitraries.longs().between(0, 0xFFFF_FFFFL),
        Arbitraries.integers().between(1, 0xFFFF)).as(SeqRange::new).list().ofMinSize(1).ofMaxSize(255);
    Arbitrary<String> json = Arbitraries.strings().ofMinLength(1).ofMaxLength(300);
    return Arbitraries.oneOf(
        Combinators.combine(headers(), json).as(Hello::new),
        Combinators.combine(headers(), json).as(Event::new),
        Combinators.combine(headers(), Arbitraries.longs().between(0, 0xFFFF_FFFFL), ranges)
            .as(Ack::new),
        Combinators.combine(headers(), ranges).as(Nack::new),
        Combinators.combine(headers(), Arbitraries.integers().between(0, 0xFFFF), Arbitraries.longs())
            .as(TimeRequest::new),
        Combinators.combine(headers(), Arbitraries.integers().between(0, 0xFFFF), Arbitraries.longs(),
            Arbitraries.longs(), Arbitraries.longs()).as(TimeResponse::new),
        Combinators.combine(headers(), Arbitraries.longs(), Arbitraries.longs(),
            Arbitraries.longs().between(0, 0xFFFF_FFFFL), Arbitraries.integers().between(0, 255))
            .as(Anchor::new));
  }
}
