package com.plantar.gateway.processing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.plantar.gait.FootSide;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a HELLO's JSON (PROTOCOL.md §8, {@code schema/hello.schema.json}) into an {@link
 * InsoleDescription}, checking what processing relies on and naming the first key that is wrong.
 * Thread-safe (the mapper is immutable after construction).
 */
public final class HelloParser {
  /** Insole size when HELLO leaves it out: EU 42 (the spec's example). */
  static final double DEFAULT_LENGTH_MM = 265;
  static final double DEFAULT_WIDTH_MM = 96;

  private final ObjectMapper mapper = new ObjectMapper();

  public InsoleDescription parse(String json) throws InvalidHelloException {
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidHelloException("HELLO is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidHelloException("HELLO is not a JSON object");
    }
    if (root.path("v").asInt(-1) != 1) {
      throw new InvalidHelloException("v: only HELLO version 1 is understood");
    }
    FootSide side = switch (root.path("side").asText("")) {
      case "L" -> FootSide.LEFT;
      case "R" -> FootSide.RIGHT;
      default -> throw new InvalidHelloException("side: must be \"L\" or \"R\"");
    };
    String configText = root.path("config_id").asText("");
    if (!configText.matches("[0-9a-f]{8}")) {
      throw new InvalidHelloException("config_id: must be 8 lowercase hex digits");
    }
    JsonNode size = root.path("size");
    double length = positive(size.path("length_mm"), DEFAULT_LENGTH_MM, "size.length_mm");
    double width = positive(size.path("width_mm"), DEFAULT_WIDTH_MM, "size.width_mm");
    JsonNode pressure = root.path("pressure");
    if (!"kPa".equals(pressure.path("unit").asText())) {
      throw new InvalidHelloException("pressure.unit: calibrations must give kPa");
    }
    JsonNode sensors = pressure.path("sensors");
    if (!sensors.isArray() || sensors.isEmpty() || sensors.size() > 64) {
      throw new InvalidHelloException("pressure.sensors: 1 to 64 sensors");
    }
    if (pressure.path("count").asInt(-1) != sensors.size()) {
      throw new InvalidHelloException("pressure.count: " + pressure.path("count") + " but "
          + sensors.size() + " sensors are listed");
    }
    List<InsoleDescription.Cell> cells = new ArrayList<>(sensors.size());
    for (int i = 0; i < sensors.size(); i++) {
      JsonNode sensor = sensors.get(i);
      String at = "pressure.sensors[" + i + "]";
      if (sensor.path("i").asInt(-1) != i) {
        throw new InvalidHelloException(at + ".i: sensors must be listed in wire order 0, 1, 2, …");
      }
      double x = number(sensor.path("x"), at + ".x", -0.5, 0.5);
      double y = number(sensor.path("y"), at + ".y", 0, 1);
      double area = number(sensor.path("area_mm2"), at + ".area_mm2", 0, 1e5);
      cells.add(new InsoleDescription.Cell(x, y, area, calibration(sensor.path("cal"), at + ".cal")));
    }
    JsonNode backlog = root.path("backlog").path("frames");
    return new InsoleDescription(side, Long.parseLong(configText, 16), root.path("boot_id").asLong(-1),
        root.path("mono_now_us").asLong(-1), length, width, cells,
        backlog.canConvertToLong() ? Math.max(0, backlog.asLong()) : -1);
  }

  private static CellCalibration calibration(JsonNode cal, String at) throws InvalidHelloException {
    try {
      return switch (cal.path("model").asText("")) {
        case "lut" -> {
          JsonNode adc = cal.path("adc");
          JsonNode kpa = cal.path("kpa");
          int[] adcValues = new int[adc.size()];
          float[] kpaValues = new float[kpa.size()];
          for (int i = 0; i < adcValues.length; i++) {
            adcValues[i] = adc.get(i).asInt();
          }
          for (int i = 0; i < kpaValues.length; i++) {
            kpaValues[i] = (float) kpa.get(i).asDouble();
          }
          yield new CellCalibration.Lut(adcValues, kpaValues);
        }
        case "poly" -> {
          JsonNode coef = cal.path("coef");
          if (coef.isEmpty()) {
            throw new IllegalArgumentException("coef: at least one coefficient");
          }
          double[] values = new double[coef.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = coef.get(i).asDouble();
          }
          yield new CellCalibration.Poly(values);
        }
        case "divider_power" -> new CellCalibration.DividerPower(cal.path("r_ref").asDouble(),
            cal.path("a").asDouble(), cal.path("b").asDouble(), cal.path("full").asInt());
        default -> throw new IllegalArgumentException("model: one of lut, poly, divider_power");
      };
    } catch (IllegalArgumentException e) {
      throw new InvalidHelloException(at + ": " + e.getMessage());
    }
  }

  private static double positive(JsonNode node, double fallback, String at) throws InvalidHelloException {
    if (node.isMissingNode()) {
      return fallback;
    }
    return number(node, at, 1, 1000);
  }

  private static double number(JsonNode node, String at, double min, double max) throws InvalidHelloException {
    if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
      throw new InvalidHelloException(at + ": a number from " + min + " to " + max);
    }
    return node.asDouble();
  }
}
