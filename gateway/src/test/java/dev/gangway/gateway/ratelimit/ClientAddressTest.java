package dev.gangway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.AddressRange;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private final ClientAddress behindProxies = new ClientAddress(List.of(
      AddressRange.parse("10.0.0.0/8").orElseThrow(), AddressRange.parse("::1").orElseThrow()));

  private static Optional<InetAddress> peer(String address) throws Exception {
    return Optional.of(InetAddress.getByName(address));
  }

  @Test
  void withoutTrustedProxiesThePeerIsTheClient() throws Exception {
    assertThat(new ClientAddress(List.of()).of(peer("192.0.2.7"), Optional.of("198.51.100.1")))
        .isEqualTo("192.0.2.7");
  }

  @Test
  void anUntrustedPeersForwardedForIsIgnored() throws Exception {
    assertThat(behindProxies.of(peer("192.0.2.7"), Optional.of("198.51.100.1")))
        .isEqualTo("192.0.2.7");
  }

  @Test
  void behindTrustedProxiesTheRightMostUntrustedHopIsTheClient() throws Exception {
    assertThat(behindProxies.of(peer("10.1.2.3"),
        Optional.of("203.0.113.9, 198.51.100.1, 10.9.9.9"))).isEqualTo("198.51.100.1");
  }

  @Test
  void garbageInForwardedForStopsAtTheLastTrustedHop() throws Exception {
    assertThat(behindProxies.of(peer("10.1.2.3"), Optional.of("evil, 10.2.2.2")))
        .isEqualTo("10.2.2.2");
    assertThat(behindProxies.of(peer("10.1.2.3"), Optional.of("not-an-address")))
        .isEqualTo("10.1.2.3");
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
  }
}
