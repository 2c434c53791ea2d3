package com.plantar.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.simulator.derive.StanceProfileDerivation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StanceProfileResourceTest {

  @Test
  void committedTableEqualsTheOneDerivedFromTheRecordings() throws IOException {
    Path sharedData = Path.of(System.getProperty("plantar.sharedData"));
    String derived = StanceProfileDerivation.derive(sharedData);
    String committed;
    try (InputStream in = StanceProfiles.class.getResourceAsStream(StanceProfiles.RESOURCE)) {
      assertThat(in).as("resource " + StanceProfiles.RESOURCE).isNotNull();
      committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(committed)
        .as("re-run StanceProfileDerivation (see its Javadoc) and commit the result")
        .isEqualTo(derived);
  }
}
