package dev.gangway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.testing.Http;
import dev.gangway.transcoder.internal.json.ErrorRenderer;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorGuardHandlerTest {
  private Undertow undertow;

  @AfterEach
  void stop() {
    if (undertow != null) {
      undertow.stop();
    }
  }

  @Test
  void unexpectedFailureIs500WithTheConstantBodyAndNoDetail() {
    undertow = Undertow.builder()
        .addHttpListener(0, "127.0.0.1")
        .setIoThreads(1)
        .setHandler(new ErrorGuardHandler(exchange -> {
          throw new IllegalStateException("internal detail at com.example.Secret");
        }))
        .build();
    undertow.start();
    int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();

    HttpResponse<String> response = new Http(port).get("/anything");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body())
        .isEqualTo(new String(ErrorRenderer.FALLBACK.body(), StandardCharsets.UTF_8))
        .doesNotContain("Secret");
  }
}
