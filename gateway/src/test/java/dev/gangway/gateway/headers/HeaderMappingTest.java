package dev.gangway.gateway.headers;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import org.junit.jupiter.api.Test;

class HeaderMappingTest {

  @Test
  void reservesTransportHopByHopAndProxyNames() {
    assertThat(HeaderMapping.reserved("grpc-status")).isTrue();
    assertThat(HeaderMapping.reserved("grpc-status-details-bin")).isTrue();
    assertThat(HeaderMapping.reserved(":authority")).isTrue();
    assertThat(HeaderMapping.reserved("content-type")).isTrue();
    assertThat(HeaderMapping.reserved("user-agent")).isTrue();
    assertThat(HeaderMapping.reserved("te")).isTrue();
    assertThat(HeaderMapping.reserved("transfer-encoding")).isTrue();
    assertThat(HeaderMapping.reserved("proxy-authorization")).isTrue();
    assertThat(HeaderMapping.reserved("authorization")).isFalse();
    assertThat(HeaderMapping.reserved("x-request-id")).isFalse();
  }

  @Test
  void backendMetadataBecomesPrefixedHeadersWithBinaryInBase64() {
    Metadata metadata = new Metadata();
    metadata.put(Metadata.Key.of("x-one", Metadata.ASCII_STRING_MARSHALLER), "a");
    metadata.put(Metadata.Key.of("x-one", Metadata.ASCII_STRING_MARSHALLER), "b");
    metadata.put(Metadata.Key.of("x-raw-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[] {-1, 0});
    metadata.put(Metadata.Key.of("content-type", Metadata.ASCII_STRING_MARSHALLER), "application/grpc");
    metadata.put(Metadata.Key.of("grpc-status", Metadata.ASCII_STRING_MARSHALLER), "0");
    HeaderMap headers = new HeaderMap();

    HeaderMapping.addResponseHeaders(metadata, headers);

    assertThat(headers.get(HttpString.tryFromString("Grpc-Metadata-x-one"))).containsExactly("a", "b");
    assertThat(headers.getFirst("Grpc-Metadata-x-raw-bin")).isEqualTo("/wA=");
    assertThat(headers.getHeaderNames()).extracting(HttpString::toString)
        .containsExactlyInAnyOrder("Grpc-Metadata-x-one", "Grpc-Metadata-x-raw-bin");
  }
}
