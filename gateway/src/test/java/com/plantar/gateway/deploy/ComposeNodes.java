package com.plantar.gateway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.plantar.gateway.config.ConfigLoader;
import com.plantar.gateway.config.GatewayConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading a compose file's services as {@code docker compose} would, with no {@code .env} file. */
final class ComposeNodes {
  private ComposeNodes() {}

  /** A service's environment, defaults interpolated. */
  static Map<String, String> environment(JsonNode service) {
    Map<String, String> environment = new LinkedHashMap<>();
    service.path("environment").fields()
        .forEachRemaining(e -> environment.put(e.getKey(), DeployFiles.interpolateDefaults(e.getValue().asText())));
    return environment;
  }

  /** Bind or volume mounts of a service, container path → source, with defaults interpolated. */
  static Map<String, String> volumeSources(JsonNode service) {
    Map<String, String> mounts = new LinkedHashMap<>();
    for (JsonNode volume : service.path("volumes")) {
      String[] parts = DeployFiles.interpolateDefaults(volume.asText()).split(":");
      mounts.put(parts[1], parts[0]);
    }
    return mounts;
  }

  /** The container side of each published port. */
  static List<Integer> containerPorts(JsonNode service) {
    List<Integer> ports = new ArrayList<>();
    for (JsonNode port : service.path("ports")) {
      String mapping = DeployFiles.interpolateDefaults(port.asText());
      ports.add(Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1).replace("/tcp", "")));
    }
    return ports;
  }

  static String text(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(item -> items.add(item.asText()));
    return String.join(" ", items);
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Every key of the gateway's configuration ({@code mqtt.port}, {@code kafka.bootstrapServers}, …). */
  static Set<String> configKeys() {
    return new HashSet<>(leafKeys(new ObjectMapper().valueToTree(GatewayConfig.DEFAULTS), ""));
  }

  /** Environment variable → config key, for every config key and {@code extraKeys}. */
  static Map<String, String> variablesOfKeys(Set<String> keys, List<String> extraKeys) {
    Map<String, String> byVariable = new LinkedHashMap<>();
    keys.forEach(key -> byVariable.put(ConfigLoader.environmentName(key), key));
    extraKeys.forEach(key -> byVariable.put(ConfigLoader.environmentName(key), key));
    return byVariable;
  }

  private static List<String> leafKeys(JsonNode node, String prefix) {
    List<String> keys = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      if (field.getValue().isObject()) {
        keys.addAll(leafKeys(field.getValue(), key));
      } else {
        keys.add(key);
      }
    }
    return keys;
  }
}
