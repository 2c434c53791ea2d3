package com.plantar.gateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** Reads the version that Maven wrote into {@code plantar-version.properties} at build time. */
final class PlantarVersion implements CommandLine.IVersionProvider {

  static String current() {
    Properties properties = new Properties();
    try (InputStream in = PlantarVersion.class.getResourceAsStream("/plantar-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "plantar " + current(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
