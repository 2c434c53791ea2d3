package com.plantar.gait.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The recordings made by others, beside the repository (system property plantar.sharedData). */
final class SharedData {

  private SharedData() {}

  static Path dir(String sub) {
    String root = System.getProperty("plantar.sharedData");
    assertThat(root).as("system property plantar.sharedData (set by the parent pom)").isNotNull();
    Path dir = Path.of(root).resolve(sub);
    assertThat(dir).as("shared data folder").isDirectory();
    return dir;
  }

  /** Record names (file names without {@code extension}) in a folder, sorted. */
  static List<String> names(Path dir, String extension) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(extension))
          .map(n -> n.substring(0, n.length() - extension.length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
