package com.plantar.gateway.mqtt;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away CA with a server certificate for 127.0.0.1 and client certificates, as PEM files. */
final class TestPki {

  record Issued(X509Certificate certificate, KeyPair keys) {}

  private final Issued ca;
  private long serial = 1;

  TestPki() throws Exception {
    KeyPair keys = keyPair();
    X500Name name = new X500Name("CN=Plantar Test CA");
    JcaX509v3CertificateBuilder builder = builder(name, name, keys);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    ca = new Issued(sign(builder, keys), keys);
  }

  Issued ca() {
    return ca;
  }

  Issued issue(String cn, boolean server) throws Exception {
    KeyPair keys = keyPair();
    JcaX509v3CertificateBuilder builder = builder(new X500Name("CN=Plantar Test CA"), new X500Name("CN=" + cn), keys);
    if (server) {
      builder.addExtension(
          Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")
          }));
    }
    return new Issued(sign(builder, ca.keys()), keys);
  }

  static void writeCertificate(Path file, X509Certificate certificate) throws Exception {
    Files.writeString(file, pem(certificate));
  }

  static void writePrivateKey(Path file, KeyPair keys) throws Exception {
    Files.writeString(file, pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
  }

  /** A client SSL context trusting the CA and, if given, presenting a client certificate. */
  SSLContext clientContext(Issued client) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    if (client != null) {
      keyStore.setKeyEntry(
          "client", client.keys().getPrivate(), new char[0], new Certificate[] {client.certificate(), ca.certificate()});
    }
    kmf.init(keyStore, new char[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer, BigInteger.valueOf(serial++), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair signer) throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }

  private static String pem(Object object) throws Exception {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }
}
