package com.plantar.gateway.config;

/**
 * Where the device registry lives: empty {@code url} (the default) is the SQLite file in the data
 * directory; {@code jdbc:postgresql://host:port/db} is the registry every cluster-mode instance
 * shares. The password is read from {@code passwordFile} (a secret file), never held here.
 */
public record RegistryConfig(String url, String user, String passwordFile) {

  public static final RegistryConfig DEFAULTS = new RegistryConfig("", "", "");

  public RegistryConfig {
    url = url == null ? "" : url;
    user = user == null ? "" : user;
    passwordFile = passwordFile == null ? "" : passwordFile;
    if (!url.isEmpty() && !url.startsWith("jdbc:postgresql:")) {
      throw new ConfigException("registry.url", "must be empty (SQLite in the data directory) or a jdbc:postgresql: URL");
    }
  }

  public boolean postgres() {
    return !url.isEmpty();
  }
}
