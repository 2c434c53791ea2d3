package com.plantar.protocol.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The C reference codec decodes every shared vector to the same content as the JSON says (and so as
 * the Java codec). The Maven build runs {@code make -C c test vectors} before the tests; the C harness
 * itself checks that re-encoding each decoded frame gives back the vector's bytes.
 */
class CCodecAgreementTest {
  private static final Path DECODED_BY_C = Path.of("c/build/vectors-decoded");
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.plantar.protocol.vectors.SharedVectorsTest#names")
  void cDecoderGivesTheDescribedContent(String name) throws IOException {
    Path decoded = DECODED_BY_C.resolve(name + ".json");
    assertThat(decoded).as("C harness output (run make -C c vectors)").exists();
    JsonNode byC = SharedVectorsTest.normalized(JSON.readTree(decoded.toFile()));
    JsonNode described = SharedVectorsTest.normalized(JSON.readTree(SharedVectorsTest.DIR.resolve(name + ".json").toFile()));
    // The harness cannot know a vector's prose description; everything else must be identical.
    assertThat(byC.get("expect")).isEqualTo(described.get("expect"));
    assertThat(byC.get("frames")).isEqualTo(described.get("frames"));
  }
}
