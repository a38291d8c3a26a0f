package dev.gangway.gateway.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads PEM certificate chains and PKCS#8 private keys with the JDK alone.
 *
 * <p>Stateless and thread-safe; setup code (file reads), never on the request path.
 */
final class PemFiles {
  private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String KEY_END = "-----END PRIVATE KEY-----";

  private PemFiles() {}

  /** The certificates of a PEM file in order (leaf first for a chain); at least one. */
  static List<X509Certificate> certificates(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      factory.generateCertificates(new ByteArrayInputStream(bytes))
          .forEach(c -> chain.add((X509Certificate) c));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IOException(file + ": not a PEM certificate chain (" + e.getMessage() + ")", e);
    }
    if (chain.isEmpty()) {
      throw new IOException(file + ": no certificate in it");
    }
    return List.copyOf(chain);
  }

  /** The PKCS#8 key of a PEM file ({@code BEGIN PRIVATE KEY}), RSA, EC or EdDSA. */
  static PrivateKey privateKey(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    int begin = text.indexOf(KEY_BEGIN);
    int end = text.indexOf(KEY_END);
    if (begin < 0 || end < begin) {
      throw new IOException(file + ": no PKCS#8 key (expected " + KEY_BEGIN + "; convert a"
          + " PKCS#1 key with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(begin + KEY_BEGIN.length(), end));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": the key is not base64", e);
    }
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException e) {
        // try the next algorithm
      }
    }
    throw new IOException(file + ": not an RSA, EC or EdDSA PKCS#8 key");
  }
}
