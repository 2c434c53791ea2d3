package com.plantar.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link GatewayConfig} from, in increasing precedence: {@link GatewayConfig#DEFAULTS}, an
 * optional YAML file, environment variables and explicit overrides (command-line flags).
 *
 * <p>Every key has an environment variable: {@code PLANTAR_} followed by the dotted key in upper
 * snake case, e.g. {@code mqtt.tlsPort} is {@code PLANTAR_MQTT_TLS_PORT}. Lists are
 * comma-separated. Unknown keys, malformed values and out-of-bounds values fail with a {@link
 * ConfigException} naming the key.
 */
public final class ConfigLoader {

  private static final String ENV_PREFIX = "PLANTAR_";

  private final ObjectMapper yaml;

  public ConfigLoader() {
    this.yaml =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  /**
   * @param file a YAML file, if any
   * @param environment the process environment (pass {@code System.getenv()})
   * @param overrides dotted keys to values, applied last (e.g. {@code mqtt.port -> 1884})
   */
  public GatewayConfig load(
      Optional<Path> file, Map<String, String> environment, Map<String, String> overrides) {
    ObjectNode tree = yaml.valueToTree(GatewayConfig.DEFAULTS);
    List<String> knownKeys = new ArrayList<>();
    collectLeafKeys(tree, "", knownKeys);
    if (file.isPresent()) {
      mergeInto(tree, readYaml(file.get()), "");
    }
    for (String key : knownKeys) {
      String value = environment.get(environmentName(key));
      if (value != null) {
        set(tree, key, value);
      }
    }
    for (Map.Entry<String, String> override : overrides.entrySet()) {
      if (!knownKeys.contains(override.getKey())) {
        throw new ConfigException(override.getKey(), "unknown key");
      }
      set(tree, override.getKey(), override.getValue());
    }
    return bind(tree);
  }

  /** The environment variable that overrides a dotted key. */
  public static String environmentName(String key) {
    StringBuilder name = new StringBuilder(ENV_PREFIX);
    for (char c : key.toCharArray()) {
      if (c == '.') {
        name.append('_');
      } else if (Character.isUpperCase(c)) {
        name.append('_').append(c);
      } else {
        name.append(Character.toUpperCase(c));
      }
    }
    return name.toString().toUpperCase(Locale.ROOT);
  }

  private JsonNode readYaml(Path file) {
    try {
      JsonNode node = yaml.readTree(Files.readString(file));
      if (node == null || node.isMissingNode() || node.isNull()) {
        return yaml.createObjectNode();
      }
      if (!node.isObject()) {
        throw new ConfigException("(root)", "the YAML file " + file + " must hold a mapping");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ConfigException("(file " + file + ")", "is not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("(file " + file + ")", "cannot be read: " + e.getMessage());
    }
  }

  private static void collectLeafKeys(JsonNode node, String prefix, List<String> keys) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      if (field.getValue().isObject()) {
        collectLeafKeys(field.getValue(), key, keys);
      } else {
        keys.add(key);
      }
    }
  }

  private static void mergeInto(ObjectNode target, JsonNode source, String prefix) {
    for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode existing = target.get(field.getKey());
      if (existing == null) {
        throw new ConfigException(key, "unknown key");
      }
      if (existing.isObject()) {
        if (!field.getValue().isObject()) {
          throw new ConfigException(key, "must be a mapping");
        }
        mergeInto((ObjectNode) existing, field.getValue(), key);
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }

  private void set(ObjectNode tree, String key, String value) {
    String[] parts = key.split("\\.");
    ObjectNode parent = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      parent = (ObjectNode) parent.get(parts[i]);
    }
    String leaf = parts[parts.length - 1];
    if (parent.get(leaf) instanceof ArrayNode) {
      ArrayNode list = yaml.createArrayNode();
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          list.add(item.trim());
        }
      }
      parent.set(leaf, list);
    } else {
      parent.put(leaf, value);
    }
  }

  private GatewayConfig bind(ObjectNode tree) {
    try {
      return yaml.treeToValue(tree, GatewayConfig.class);
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof ConfigException config) {
        throw config;
      }
      throw new ConfigException(pathOf(e), e.getOriginalMessage());
    } catch (JsonMappingException e) {
      throw new ConfigException(pathOf(e), "has a malformed value: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new ConfigException("(root)", e.getOriginalMessage());
    }
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "(root)" : path.toString();
  }
}
