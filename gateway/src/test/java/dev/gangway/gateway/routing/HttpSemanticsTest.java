package dev.gangway.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.gangway.gateway.config.HttpSemanticsConfig;
import dev.gangway.gateway.gwtest.v1.EchoRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A routes entry compiles for the method it names, or fails naming what cannot apply. */
class HttpSemanticsTest {
  private static final HttpSemanticsConfig EVERYTHING = new HttpSemanticsConfig(201,
      Optional.of("/v1/{text}"), Optional.of("text"), Optional.of("text"), Optional.of("text"),
      List.of("x-total"));
  private static final HttpSemanticsConfig CONDITIONALS = new HttpSemanticsConfig(200,
      Optional.empty(), Optional.empty(), Optional.of("tag"), Optional.of("tag"), List.of());

  private static MethodDescriptor method(String name) {
    return EchoRequest.getDescriptor().getFile().findServiceByName("EchoService")
        .findMethodByName(name);
  }

  @Test
  void aUnaryMethodTakesEverySetting() {
    HttpSemantics semantics = HttpSemantics.compile(EVERYTHING, method("Echo"), "routes[0]");

    assertThat(semantics.status()).isEqualTo(201);
    assertThat(semantics.hasEtag()).isTrue();
    assertThat(semantics.responseHeaders()).containsExactly("x-total");
  }

  @Test
  void aServerStreamTakesTheConditionalHeaders() {
    HttpSemantics semantics = HttpSemantics.compile(CONDITIONALS, method("Count"), "routes[1]");

    assertThat(semantics.status()).isEqualTo(200);
  }

  @Test
  void aServerStreamRefusesWhatOnlyAUnaryAnswerCarries() {
    HttpSemanticsConfig config = new HttpSemanticsConfig(201, Optional.of("/v1/{text}"),
        Optional.of("text"), Optional.of("tag"), Optional.empty(), List.of("x-total"));

    assertThatThrownBy(() -> HttpSemantics.compile(config, method("Count"), "routes[1]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("routes[1]: status, location, etag, response_headers cannot apply to"
            + " gangway.gwtest.v1.EchoService.Count, a server-streaming method");
  }

  @Test
  void aClientStreamRefusesTheConditionalHeaders() {
    assertThatThrownBy(() -> HttpSemantics.compile(CONDITIONALS, method("Sum"), "routes[2]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("routes[2]: if_match, if_none_match cannot apply to"
            + " gangway.gwtest.v1.EchoService.Sum, a client-streaming method");
  }

  @Test
  void aBidirectionalStreamRefusesEverySetting() {
    assertThatThrownBy(() -> HttpSemantics.compile(EVERYTHING, method("Chat"), "routes[3]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("routes[3]: status, location, etag, if_match, if_none_match,"
            + " response_headers cannot apply to gangway.gwtest.v1.EchoService.Chat,"
            + " a bidirectional streaming method");
  }

  @Test
  void aStreamWithOnlyATimeoutHasNothingToRefuse() {
    HttpSemantics semantics =
        HttpSemantics.compile(HttpSemanticsConfig.DEFAULT, method("Chat"), "routes[3]");

    assertThat(semantics.status()).isEqualTo(200);
  }
}
