package dev.gangway.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.AddressRange;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {
  private final ClientAddressResolver behindProxies = new ClientAddressResolver(List.of(
      AddressRange.parse("10.0.0.0/8").orElseThrow(), AddressRange.parse("::1").orElseThrow()));

  private static Optional<InetAddress> peer(String address) throws Exception {
    return Optional.of(InetAddress.getByName(address));
  }

  private String client(String peer, String... forwardedFor) throws Exception {
    return behindProxies.resolve(peer(peer), List.of(forwardedFor)).address();
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
