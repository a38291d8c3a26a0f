package dev.gangway.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.AddressRange;
import dev.gangway.gateway.config.ClientAddressHeader;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {
  private final ClientAddressResolver behindProxies = new ClientAddressResolver(List.of(
      AddressRange.parse("10.0.0.0/8").orElseThrow(), AddressRange.parse("::1").orElseThrow()));

  private final ClientAddressResolver behindForwardingProxies = new ClientAddressResolver(List.of(
      AddressRange.parse("10.0.0.0/8").orElseThrow(), AddressRange.parse("::1").orElseThrow()),
      ClientAddressHeader.FORWARDED);

  private static Optional<InetAddress> peer(String address) throws Exception {
    return Optional.of(InetAddress.getByName(address));
  }

  private String client(String peer, String... forwardedFor) throws Exception {
    return behindProxies.resolve(peer(peer), List.of(forwardedFor)).address();
  }

  /** The client behind proxies that write RFC 7239 {@code Forwarded} field lines. */
  private String forwardedClient(String peer, String... forwarded) throws Exception {
    return behindForwardingProxies.resolve(peer(peer), List.of(forwarded)).address();
  }

  @Test
  void forwardedIsReadByItsForNodesFromTheRight() throws Exception {
    assertThat(forwardedClient("10.1.2.3",
        "for=203.0.113.9;proto=https, for=198.51.100.1;by=10.9.9.9, for=10.9.9.9"))
        .isEqualTo("198.51.100.1");
    assertThat(forwardedClient("10.1.2.3", "for=203.0.113.9", "For=\"10.8.8.8:80\"; host=x"))
        .as("several field lines, any case, a quoted node with a port")
        .isEqualTo("203.0.113.9");
    assertThat(forwardedClient("10.1.2.3", "for=\"[2001:DB8::17]:4711\""))
        .isEqualTo("2001:db8:0:0:0:0:0:17");
    assertThat(forwardedClient("10.1.2.3", "proto=https;for=198.51.100.1;host=\"a,b\""))
        .as("a comma inside a quoted string does not end the element")
        .isEqualTo("198.51.100.1");
    assertThat(forwardedClient("10.1.2.3", "for=198.51.100.1,, ;;, "))
        .as("empty elements and pairs are ignored")
        .isEqualTo("198.51.100.1");
  }

  @Test
  void forwardedStopsAtWhatItCannotTrust() throws Exception {
    assertThat(forwardedClient("10.1.2.3", "for=unknown")).isEqualTo("10.1.2.3");
    assertThat(forwardedClient("10.1.2.3", "for=_hidden, for=10.2.2.2")).isEqualTo("10.2.2.2");
    assertThat(forwardedClient("10.1.2.3", "for=198.51.100.1, proto=https"))
        .as("an element without for= names nobody")
        .isEqualTo("10.1.2.3");
    assertThat(forwardedClient("10.1.2.3", "for=198.51.100.1, for=10.2.2.2 junk, for=10.3.3.3"))
        .as("after a syntax error nothing to its left is read")
        .isEqualTo("10.1.2.3");
    assertThat(forwardedClient("10.1.2.3", "for=\"198.51.100.1")).isEqualTo("10.1.2.3");
    assertThat(forwardedClient("10.1.2.3", "=198.51.100.1")).isEqualTo("10.1.2.3");
    // The X-Forwarded-For a client made up is not read when the proxies write Forwarded.
    assertThat(behindForwardingProxies.resolve(peer("10.1.2.3"), List.of()).address())
        .isEqualTo("10.1.2.3");
  }

  @Test
  void forwardedIsBoundedLikeXForwardedFor() throws Exception {
    StringBuilder chain = new StringBuilder("for=198.51.100.1");
    for (int i = 0; i < ClientAddressResolver.MAX_HOPS; i++) {
      chain.append(", for=10.0.0.").append(i % 250);
    }
    assertThat(forwardedClient("10.1.2.3", chain.toString())).isEqualTo("10.0.0.0");
    assertThat(forwardedClient("10.1.2.3", chain.substring(0, chain.lastIndexOf(","))))
        .isEqualTo("198.51.100.1");
    // No recursion and no quadratic work, whatever the line holds.
    assertThat(forwardedClient("10.1.2.3", ",".repeat(200_000) + "for=198.51.100.1"))
        .isEqualTo("198.51.100.1");
    assertThat(forwardedClient("10.1.2.3", ";".repeat(200_000) + "for=198.51.100.1"))
        .isEqualTo("198.51.100.1");
    assertThat(forwardedClient("10.1.2.3", "for=\"" + "\\a".repeat(100_000) + "\""))
        .isEqualTo("10.1.2.3");
  }

  @Test
  void withoutTrustedProxiesThePeerIsTheClient() throws Exception {
    ClientAddress address = new ClientAddressResolver(List.of())
        .resolve(peer("192.0.2.7"), List.of("198.51.100.1"));

    assertThat(address).isEqualTo(new ClientAddress("192.0.2.7", "192.0.2.7", false));
  }

  @Test
  void anUntrustedPeersForwardedForIsIgnored() throws Exception {
    assertThat(behindProxies.resolve(peer("192.0.2.7"), List.of("198.51.100.1")))
        .isEqualTo(new ClientAddress("192.0.2.7", "192.0.2.7", false));
  }

  @Test
  void aTrustedPeerWithoutForwardedForIsTheClient() throws Exception {
    assertThat(behindProxies.resolve(peer("10.1.2.3"), List.of()))
        .isEqualTo(new ClientAddress("10.1.2.3", "10.1.2.3", true));
  }

  @Test
  void behindTrustedProxiesTheRightMostUntrustedHopIsTheClient() throws Exception {
    assertThat(behindProxies.resolve(peer("10.1.2.3"),
        List.of("203.0.113.9, 198.51.100.1, 10.9.9.9")))
        .isEqualTo(new ClientAddress("198.51.100.1", "10.1.2.3", true));
  }

  @Test
  void severalFieldLinesAreOneListInOrder() throws Exception {
    assertThat(client("10.1.2.3", "203.0.113.9", "198.51.100.1, 10.9.9.9"))
        .isEqualTo("198.51.100.1");
    assertThat(client("10.1.2.3", "203.0.113.9, 10.8.8.8", "10.9.9.9"))
        .isEqualTo("203.0.113.9");
  }

  @Test
  void garbageInForwardedForStopsAtTheLastTrustedHop() throws Exception {
    assertThat(client("10.1.2.3", "evil, 10.2.2.2")).isEqualTo("10.2.2.2");
    assertThat(client("10.1.2.3", "not-an-address")).isEqualTo("10.1.2.3");
    assertThat(client("10.1.2.3", "unknown")).isEqualTo("10.1.2.3");
    assertThat(client("10.1.2.3", "198.51.100.1/8")).as("a block is not a hop").isEqualTo("10.1.2.3");
    assertThat(client("10.1.2.3", "999.1.1.1")).as("never a host name").isEqualTo("10.1.2.3");
  }

  @Test
  void hopsMayCarryAPortAndAreCanonical() throws Exception {
    assertThat(client("10.1.2.3", "198.51.100.1:4711")).isEqualTo("198.51.100.1");
    assertThat(client("10.1.2.3", "[2001:DB8:0::7]:4711")).isEqualTo("2001:db8:0:0:0:0:0:7");
    assertThat(client("10.1.2.3", "2001:db8::7")).isEqualTo("2001:db8:0:0:0:0:0:7");
    assertThat(client("10.1.2.3", "198.51.100.1:http")).isEqualTo("10.1.2.3");
  }

  @Test
  void emptyListElementsAreIgnored() throws Exception {
    assertThat(client("10.1.2.3", "198.51.100.1,, ,")).isEqualTo("198.51.100.1");
  }

  @Test
  void onlySoManyHopsAreExamined() throws Exception {
    StringBuilder trustedChain = new StringBuilder("198.51.100.1");
    for (int i = 0; i < ClientAddressResolver.MAX_HOPS; i++) {
      trustedChain.append(", 10.0.0.").append(i % 250);
    }
    // The client is one hop further left than the walk goes: the left-most examined hop stands.
    assertThat(client("10.1.2.3", trustedChain.toString()))
        .isEqualTo("10.0.0.0");
    String shorter = trustedChain.substring(0, trustedChain.lastIndexOf(","));
    assertThat(client("10.1.2.3", shorter)).isEqualTo("198.51.100.1");
  }

  @Test
  void anOverlongElementIsGarbage() throws Exception {
    assertThat(client("10.1.2.3", "1".repeat(100_000) + ", 10.2.2.2")).isEqualTo("10.2.2.2");
    assertThat(client("10.1.2.3", ",".repeat(100_000))).isEqualTo("10.1.2.3");
    assertThat(client("10.1.2.3", " ".repeat(60) + "198.51.100.1")).isEqualTo("10.1.2.3");
  }

  @Test
  void noPeerIsUnknown() {
    assertThat(behindProxies.resolve(Optional.empty(), List.of("198.51.100.1")))
        .isEqualTo(new ClientAddress("unknown", "unknown", false));
  }

  @Test
  void cidrBlocksContainWhatTheySay() throws Exception {
    AddressRange block = AddressRange.parse("192.168.0.0/23").orElseThrow();
    assertThat(block.contains(InetAddress.getByName("192.168.1.255"))).isTrue();
    assertThat(block.contains(InetAddress.getByName("192.168.2.0"))).isFalse();
    assertThat(block.contains(InetAddress.getByName("::1"))).isFalse();
    assertThat(AddressRange.parse("example.com")).isEmpty();
    assertThat(AddressRange.parse("10.0.0.0/33")).isEmpty();
    assertThat(AddressRange.parse("cafe")).as("never resolved as a host name").isEmpty();
    assertThat(AddressRange.parse("256.0.0.1")).isEmpty();
    assertThat(AddressRange.parse("1.2.3")).isEmpty();
    assertThat(AddressRange.parse("010.0.0.1")).as("octal to some readers").isEmpty();
  }
}
