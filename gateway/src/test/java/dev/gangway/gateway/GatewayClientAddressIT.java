package dev.gangway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.client.ClientAddressResolver;
import dev.gangway.gateway.testing.AccessConfigs;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.RawHttp;
import dev.gangway.gateway.testing.TestServers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client address over raw sockets, as the one resolver ({@code server.trusted_proxies})
 * gives it to rate limits and header forwarding: spoofed forwarding headers from an untrusted
 * peer, proxies' hops ({@code X-Forwarded-For} or RFC 7239 {@code Forwarded}), and hostile
 * {@code X-Forwarded-For} values (huge, thousands of hops, an
 * endless element) that must cost a bounded walk and get an ordinary answer. A limit of one
 * request per client address shows which address each request was counted against.
 */
class GatewayClientAddressIT {
  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  private EchoBackend echo;

  @BeforeEach
  void backend() throws Exception {
    echo = servers.backend("echo");
  }

  /** A gateway on loopback whose peer (this test) is, or is not, a trusted proxy. */
  private int gateway(String trustedProxies) throws Exception {
    return servers.own(GatewayServer.start(AccessConfigs.source(AccessConfigs.withServerKeys(
        dir, echo.target(), "trusted_proxies: " + trustedProxies + ", max_header_size: 64KiB",
        "access:",
        "  default: {require: public}",
        "  routes:",
        "    - match: [gangway.gwtest.v1.EchoService.Headers]",
        "      require: public",
        "      rate_limits: [one-per-address]",
        "rate_limits:",
        "  limits:",
        "    - {name: one-per-address, per: [address], tokens: 1, period: 1h}")))).httpPort();
  }

  private static RawHttp.Response get(int port, String... headers) throws Exception {
    List<String> head = new ArrayList<>(List.of("GET /v1/headers HTTP/1.1", "Host: 127.0.0.1",
        "Connection: close"));
    head.addAll(List.of(headers));
    try (RawHttp raw = new RawHttp(port)) {
      return raw.send(head, new byte[0]).read();
    }
  }

  @Test
  void anUntrustedPeerCannotNameAnotherClient() throws Exception {
    int port = gateway("[10.0.0.0/8]");

    RawHttp.Response first = get(port, "X-Forwarded-For: 198.51.100.1",
        "X-Real-IP: 198.51.100.1", "Forwarded: for=198.51.100.1",
        "X-Forwarded-Host: evil.example", "Grpc-Metadata-X-Forwarded-For: 198.51.100.1");
    RawHttp.Response second = get(port, "X-Forwarded-For: 198.51.100.2");

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    JsonNode received = Http.json(first.body()).get("received");
    assertThat(received.get("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
    assertThat(received.get("x-forwarded-host").asText()).isEqualTo("127.0.0.1");
    assertThat(received.has("x-real-ip")).isFalse();
    assertThat(received.has("forwarded")).isFalse();
    assertThat(second.status()).as("counted against the peer, 127.0.0.1, whatever it claims")
        .isEqualTo(429);
    assertThat(echo.calls()).isEqualTo(1);
  }

  @Test
  void behindATrustedProxyTheRightMostUntrustedHopIsTheClient() throws Exception {
    int port = gateway("[127.0.0.0/8]");

    RawHttp.Response first = get(port, "X-Forwarded-For: 203.0.113.9, 198.51.100.1, 127.0.0.5");
    RawHttp.Response sameClient = get(port, "X-Forwarded-For: 6.6.6.6, 198.51.100.1");
    RawHttp.Response otherClient = get(port, "X-Forwarded-For: 198.51.100.2");

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(Http.json(first.body()).get("received").get("x-forwarded-for").asText())
        .isEqualTo("203.0.113.9, 198.51.100.1, 127.0.0.5, 127.0.0.1");
    assertThat(sameClient.status()).as("hops left of the client are anyone's").isEqualTo(429);
    assertThat(otherClient.status()).as(otherClient.body()).isEqualTo(200);
  }

  @Test
  void behindProxiesThatWriteForwardedItsForNodesNameTheClient() throws Exception {
    int port = gateway("[127.0.0.0/8], client_address_header: forwarded");

    RawHttp.Response first = get(port, "Forwarded: for=203.0.113.9, for=\"198.51.100.1:4711\";"
        + "proto=https, For=127.0.0.5", "X-Forwarded-For: 198.51.100.3");
    RawHttp.Response sameClient = get(port, "Forwarded: for=6.6.6.6, for=198.51.100.1");
    RawHttp.Response madeUpXForwardedFor = get(port, "X-Forwarded-For: 198.51.100.1");
    RawHttp.Response peerAgain = get(port);

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    JsonNode received = Http.json(first.body()).get("received");
    assertThat(received.get("forwarded").asText()).as("a trusted proxy's header passes")
        .isEqualTo("for=203.0.113.9, for=\"198.51.100.1:4711\";proto=https, For=127.0.0.5");
    assertThat(received.get("x-forwarded-for").asText()).isEqualTo("198.51.100.3, 127.0.0.1");
    assertThat(sameClient.status()).as("counted against 198.51.100.1").isEqualTo(429);
    assertThat(madeUpXForwardedFor.status()).as("X-Forwarded-For is not read: the peer's first")
        .isEqualTo(200);
    assertThat(peerAgain.status()).as("counted against the peer, 127.0.0.1").isEqualTo(429);
  }

  @Test
  void aHostileForwardedIsReadInOnePassAndAnswered() throws Exception {
    int port = gateway("[127.0.0.0/8], client_address_header: forwarded");

    RawHttp.Response semicolons = get(port, "Forwarded: " + ";".repeat(40_000) + "for=6.6.6.6");
    RawHttp.Response broken = get(port, "Forwarded: for=6.6.6.7 junk, for=127.0.0.9");
    RawHttp.Response unterminated = get(port, "Forwarded: for=\"" + "\\a".repeat(20_000));

    // Too big to forward as metadata: the backend's limit answers; the walk itself is bounded.
    assertThat(semicolons.status()).as(semicolons.body()).isEqualTo(431);
    assertThat(get(port, "Forwarded: for=6.6.6.6").status())
        .as("the empty pairs were skipped and 6.6.6.6 counted").isEqualTo(429);
    assertThat(broken.status()).as("a line with a syntax error names nobody: the peer's first")
        .isEqualTo(200);
    assertThat(unterminated.status()).as("nor does an unterminated quote: the peer's second")
        .isEqualTo(429);
    assertThat(echo.calls()).isEqualTo(1);
  }

  @Test
  void thousandsOfHopsAreWalkedOnlySoFarAndAnswered() throws Exception {
    int port = gateway("[127.0.0.0/8]");
    StringBuilder hops = new StringBuilder("198.51.100.7");
    for (int i = 0; i < 4_000; i++) {
      hops.append(", 127.0.0.").append(1 + i % 200);
    }

    RawHttp.Response huge = get(port, "X-Forwarded-For: " + hops);

    // Too big to forward: the backend's metadata limit answers, naming the key.
    assertThat(huge.status()).as(huge.body()).isEqualTo(431);
    assertThat(Http.json(huge.body()).get("message").asText())
        .contains("headers.max_metadata_size");
    // The walk stopped MAX_HOPS hops from the right, at a trusted proxy, so the request was
    // counted there, never against 198.51.100.7 thousands of hops away.
    assertThat(get(port, "X-Forwarded-For: 198.51.100.7").status()).isEqualTo(200);
    String stop = "127.0.0." + (1 + (4_000 - ClientAddressResolver.MAX_HOPS) % 200);
    assertThat(get(port, "X-Forwarded-For: " + stop).status())
        .as("hop %s's one request was taken", stop).isEqualTo(429);
    assertThat(echo.calls()).isEqualTo(1);
  }

  @Test
  void anEndlessElementIsGarbageAndStopsAtTheLastTrustedHop() throws Exception {
    int port = gateway("[127.0.0.0/8]");

    RawHttp.Response endless = get(port, "X-Forwarded-For: " + "9".repeat(40_000) + ", 127.0.0.9");
    RawHttp.Response commas = get(port, "X-Forwarded-For: " + ",".repeat(40_000));

    assertThat(endless.status()).as(endless.body()).isEqualTo(431);
    assertThat(get(port, "X-Forwarded-For: 127.0.0.9").status())
        .as("the endless element was counted against 127.0.0.9").isEqualTo(429);
    assertThat(commas.status()).as(commas.body()).isEqualTo(431);
    assertThat(get(port).status()).as("empty hops: counted against the peer").isEqualTo(429);
    assertThat(get(port, "X-Forwarded-For: 198.51.100.9").status()).isEqualTo(200);
  }
}
