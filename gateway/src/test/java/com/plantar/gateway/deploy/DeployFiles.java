package com.plantar.gateway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository's {@code docker/} directory and its files, read for the deployment tests. */
final class DeployFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Compose interpolation: {@code ${NAME}}, {@code ${NAME:-default}} or {@code ${NAME-default}}. */
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

  private DeployFiles() {}

  /** The repository root: the first directory above the working directory that holds docker/compose.yaml. */
  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docker/compose.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no docker/compose.yaml above " + Path.of("").toAbsolutePath());
  }

  static Path dockerDirectory() {
    return repositoryRoot().resolve("docker");
  }

  static JsonNode compose() {
    return yaml(dockerDirectory().resolve("compose.yaml"));
  }

  /**
   * docker/cluster.yaml, read with SnakeYAML (which applies its {@code <<: *anchor} merge keys as
   * Compose does; Jackson's YAML parser does not), as a tree.
   */
  static JsonNode cluster() {
    try (java.io.Reader reader = Files.newBufferedReader(dockerDirectory().resolve("cluster.yaml"))) {
      Object tree = new org.yaml.snakeyaml.Yaml().load(reader);
      return JSON.valueToTree(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The dashboard JSON files Grafana is provisioned with. */
  static List<Path> dashboards() {
    try (Stream<Path> files = Files.list(dockerDirectory().resolve("grafana/dashboards"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode dashboard(String uid) {
    return dashboards().stream().map(DeployFiles::json).filter(d -> d.path("uid").asText().equals(uid)).findFirst()
        .orElseThrow(() -> new AssertionError("no dashboard with uid " + uid + " in " + dashboards()));
  }

  /**
   * A compose value as {@code docker compose} sees it with no {@code .env} file: variables take their
   * default (empty without one), {@code $$} is a literal {@code $}.
   */
  static String interpolateDefaults(String value) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
    }
    m.appendTail(out);
    return out.toString().replace("$$", "$");
  }
}
