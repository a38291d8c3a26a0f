package dev.gangway.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates made at test time with the JDK's keytool, written as PEM (certificate)
 * and PKCS#8 PEM (key): nothing checked in, nothing fetched.
 *
 * @param cert the PEM certificate (also usable as its own CA)
 * @param key the PEM PKCS#8 private key
 */
public record TestCertificates(Path cert, Path key) {
  private static final String PASSWORD = "changeit";

  /** A self-signed EC certificate for {@code dnsName}, valid two days. */
  public static TestCertificates selfSigned(Path dir, String alias, String dnsName)
      throws IOException, InterruptedException {
    return selfSigned(dir, alias, "CN=" + dnsName, "dns:" + dnsName);
  }

  /**
   * A self-signed EC certificate with this subject ({@code CN=partner,O=Acme}) and SAN in
   * keytool's syntax ({@code dns:partner.example}), valid two days.
   */
  public static TestCertificates selfSigned(Path dir, String alias, String subject, String san)
      throws IOException, InterruptedException {
    Path store = dir.resolve(alias + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(List.of(keytool.toString(),
        "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", subject, "-ext", "SAN=" + san, "-validity", "2",
        "-keystore", store.toString(), "-storetype", "PKCS12",
        "-storepass", PASSWORD, "-keypass", PASSWORD))
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(in, PASSWORD.toCharArray());
      Certificate certificate = keyStore.getCertificate(alias);
      Key key = keyStore.getKey(alias, PASSWORD.toCharArray());
      Path certFile = Files.writeString(dir.resolve(alias + ".crt.pem"),
          pem("CERTIFICATE", certificate.getEncoded()));
      Path keyFile = Files.writeString(dir.resolve(alias + ".key.pem"),
          pem("PRIVATE KEY", key.getEncoded()));
      return new TestCertificates(certFile, keyFile);
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("reading the keytool store failed", e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
