package dev.gangway.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.AuthConfig.CertConsumer;
import dev.gangway.gateway.config.AuthConfig.ClientCertProvider;
import dev.gangway.gateway.tls.ClientCertificate;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client certificates to consumers, with certificates keytool makes for each test. */
class ClientCertAuthenticatorTest {
  @TempDir Path dir;

  private final ClientCertAuthenticator authenticator = new ClientCertAuthenticator(
      new ClientCertProvider("mesh", List.of(
          new CertConsumer("billing", Optional.of("cn=billing, o=Example"), Optional.empty()),
          new CertConsumer("ops", Optional.empty(), Optional.of("ops.internal")))));

  @Test
  void aSubjectMatchesAsADistinguishedNameWhateverItsSpacingAndCase() throws Exception {
    Authentication result =
        authenticator.authenticate(presenting(certificate("CN=billing,O=Example", "dns:x.test")));

    assertThat(result).isInstanceOf(Authentication.Verified.class);
    Identity identity = ((Authentication.Verified) result).identity();
    assertThat(identity.consumer()).isEqualTo("billing");
    assertThat(identity.subject()).isEqualTo("CN=billing,O=Example");
    assertThat(identity.provider()).isEqualTo("mesh");
  }

  @Test
  void aSubjectAlternativeNameMatches() throws Exception {
    Authentication result =
        authenticator.authenticate(presenting(certificate("CN=anything", "dns:ops.internal")));

    assertThat(((Authentication.Verified) result).identity().consumer()).isEqualTo("ops");
  }

  @Test
  void anUnlistedCertificateIsRejectedByItsSubject() throws Exception {
    Authentication result =
        authenticator.authenticate(presenting(certificate("CN=stranger", "dns:stranger.test")));

    assertThat(result).isEqualTo(new Authentication.Rejected(
        "client certificate CN=stranger is not a known consumer"));
  }

  @Test
  void noCertificateIsAbsent() {
    assertThat(authenticator.authenticate(presenting())).isInstanceOf(Authentication.Absent.class);
  }

  private X509Certificate certificate(String dn, String san) throws Exception {
    Path store = dir.resolve(Math.abs(dn.hashCode()) + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair",
        "-alias", "c", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dn,
        "-ext", "SAN=" + san, "-validity", "2", "-keystore", store.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0)
        .as(output).isTrue();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    return (X509Certificate) keys.getCertificate("c");
  }

  private static Credentials presenting(X509Certificate... chain) {
    return new Credentials() {
      @Override
      public Optional<String> header(String name) {
        return Optional.empty();
      }

      @Override
      public Optional<String> query(String name) {
        return Optional.empty();
      }

      @Override
      public Optional<String> cookie(String name) {
        return Optional.empty();
      }

      @Override
      public Optional<ClientCertificate> clientCertificate() {
        return chain.length == 0 ? Optional.empty()
            : Optional.of(ClientCertificate.of(List.of(chain)));
      }

      @Override
      public Optional<InetAddress> peerAddress() {
        return Optional.empty();
      }
    };
  }
}
