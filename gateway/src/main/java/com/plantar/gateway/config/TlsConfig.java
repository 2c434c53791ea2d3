package com.plantar.gateway.config;

/**
 * TLS for the MQTT-over-TLS listener: PEM certificate chain and PKCS#8 PEM private key. With
 * {@code clientAuth} {@code optional} or {@code require}, client certificates are verified against
 * {@code clientCaFile} and the verified certificate's CN becomes the device id. The listener runs
 * only when a certificate is configured.
 */
public record TlsConfig(
    String certificateFile, String privateKeyFile, String clientCaFile, String clientAuth) {

  public static final TlsConfig DEFAULTS = new TlsConfig("", "", "", "none");

  public TlsConfig {
    certificateFile = certificateFile == null ? "" : certificateFile;
    privateKeyFile = privateKeyFile == null ? "" : privateKeyFile;
    clientCaFile = clientCaFile == null ? "" : clientCaFile;
    clientAuth = Bounds.oneOf("tls.clientAuth", clientAuth, "none", "optional", "require");
    if (certificateFile.isEmpty() != privateKeyFile.isEmpty()) {
      throw new ConfigException(
          certificateFile.isEmpty() ? "tls.certificateFile" : "tls.privateKeyFile",
          "certificate and private key must be configured together");
    }
    if (!clientAuth.equals("none") && clientCaFile.isEmpty()) {
      throw new ConfigException("tls.clientCaFile", "is required when tls.clientAuth is " + clientAuth);
    }
  }

  public boolean enabled() {
    return !certificateFile.isEmpty();
  }
}
