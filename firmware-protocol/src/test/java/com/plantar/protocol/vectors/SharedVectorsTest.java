package com.plantar.protocol.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.plantar.protocol.DecodeStatus;
import com.plantar.protocol.FrameDecoder;
import com.plantar.protocol.FrameEncoder;
import com.plantar.protocol.FrameView;
import com.plantar.protocol.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed vectors in {@code vectors/}: what the Java codec must make of each, both ways. */
class SharedVectorsTest {
  static final Path DIR = Path.of("vectors");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<String> names() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.map(path -> path.getFileName().toString())
          .filter(name -> name.endsWith(".bin"))
          .map(name -> name.substring(0, name.length() - 4))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void javaDecoderGivesTheDescribedContent(String name) throws IOException {
    byte[] payload = Files.readAllBytes(DIR.resolve(name + ".bin"));
    JsonNode expected = JSON.readTree(DIR.resolve(name + ".json").toFile());

    List<JsonNode> frames = new ArrayList<>();
    DecodeStatus status = new FrameDecoder().decodePayload(ByteBuffer.wrap(payload), new FrameView(),
        frame -> frames.add(VectorJson.toJson(frame.toMessage())));

    assertThat(status.name()).isEqualTo(expected.get("expect").asText());
    assertThat(normalized(JSON.valueToTree(frames))).isEqualTo(expected.get("frames"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void javaEncoderWritesTheSameBytesFromTheContent(String name) throws IOException {
    byte[] payload = Files.readAllBytes(DIR.resolve(name + ".bin"));
    JsonNode expected = JSON.readTree(DIR.resolve(name + ".json").toFile());

    FrameEncoder encoder = new FrameEncoder();
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    for (JsonNode frame : expected.get("frames")) {
      Message message = VectorJson.fromJson(frame);
      encoded.writeBytes(encoder.encode(message));
    }
    byte[] bytes = encoded.toByteArray();
    if (expected.get("expect").asText().equals("OK")) {
      assertThat(bytes).isEqualTo(payload);
    } else {
      assertThat(Arrays.copyOf(payload, bytes.length)).isEqualTo(bytes);
    }
  }

  @Test
  void committedVectorsAreWhatTheGeneratorMakes() throws IOException {
    List<VectorCase> generated = VectorGenerator.all();
    Set<String> onDisk;
    try (Stream<String> names = names()) {
      onDisk = names.collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(onDisk).containsExactlyInAnyOrderElementsOf(
        generated.stream().map(VectorCase::name).toList());
    for (VectorCase vector : generated) {
      assertThat(Files.readAllBytes(DIR.resolve(vector.name() + ".bin")))
          .as("%s.bin: regenerate with exec:java@vectors", vector.name())
          .isEqualTo(vector.payload());
      assertThat(JSON.readTree(DIR.resolve(vector.name() + ".json").toFile()))
          .as("%s.json", vector.name())
          .isEqualTo(normalized(VectorGenerator.describe(vector)));
    }
  }

  /** Numbers as a parser reads them (int where it fits), so trees compare by value, not by node type. */
  static JsonNode normalized(JsonNode node) throws IOException {
    return JSON.readTree(JSON.writeValueAsString(node));
  }

  @Test
  void vectorsCoverEveryMessageTypeEncodingAndRejectionReason() {
    List<VectorCase> all = VectorGenerator.all();
    assertThat(all).hasSizeGreaterThanOrEqualTo(30);
    assertThat(all.stream().filter(v -> !v.expect().isOk())).hasSizeGreaterThanOrEqualTo(10);

    Set<DecodeStatus> reasons = all.stream().map(VectorCase::expect).collect(Collectors.toSet());
    assertThat(reasons).containsAll(EnumSet.allOf(DecodeStatus.class));

    String everything = all.stream().flatMap(v -> v.frames().stream())
        .map(m -> VectorJson.toJson(m).toString()).collect(Collectors.joining());
    for (String type : List.of("DATA", "HELLO", "ACK", "NACK", "TIME_REQ", "TIME_RES", "ANCHOR", "EVENT")) {
      assertThat(everything).contains("\"msg_type\":\"" + type + "\"");
    }
    for (String encoding : List.of("RAW16", "PACK12", "DELTA")) {
      assertThat(everything).contains("\"encoding\":\"" + encoding + "\"");
    }
    assertThat(everything).contains("\"skipped\":true");
  }
}
