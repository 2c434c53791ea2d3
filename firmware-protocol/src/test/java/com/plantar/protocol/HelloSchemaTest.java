package com.plantar.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code schema/hello.schema.json} accepts the HELLOs the spec shows and refuses broken ones. */
class HelloSchemaTest {
  private static final Schema SCHEMA = load();

  private static Schema load() {
    try {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(Files.readString(Path.of("schema/hello.schema.json")), InputFormat.JSON);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<Error> validate(String json) {
    return SCHEMA.validate(json, InputFormat.JSON);
  }

  /** The HELLO example of PROTOCOL.md §8, taken from the document itself. */
  private static String specExample() throws IOException {
    String spec = Files.readString(Path.of("PROTOCOL.md"));
    int section = spec.indexOf("## 8. HELLO");
    int start = spec.indexOf("```json", section) + "```json".length();
    return spec.substring(start, spec.indexOf("```", start));
  }

  @Test
  void acceptsTheExampleInTheSpec() throws IOException {
    assertThat(validate(specExample())).isEmpty();
  }

  @Test
  void acceptsTheHelloOfTheSharedVectors() throws IOException {
    String vector = Files.readString(Path.of("vectors/hello.json"));
    String json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(vector)
        .get("frames").get(0).get("json").asText();
    assertThat(validate(json)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"side\":\"L\"|\"side\":\"X\"",
      "\"x\":0.18|\"x\":0.9",
      "\"config_id\":\"8f3a12c4\"|\"config_id\":\"8F3A12C4\"",
      "\"model\":\"lut\"|\"model\":\"magic\"",
      "\"v\":1|\"v\":2",
      "\"batch\":25|\"batch\":0",
      "\"rate_hz\":100,|"
  })
  void refusesABrokenHello(String replacement) throws IOException {
    String[] parts = replacement.split("\\|", -1);
    String broken = specExample().replace(parts[0], parts[1]);
    assertThat(broken).isNotEqualTo(specExample());
    assertThat(validate(broken)).isNotEmpty();
  }
}
