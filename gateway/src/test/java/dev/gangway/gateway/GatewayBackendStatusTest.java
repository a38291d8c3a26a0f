package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Statuses the backend sent reach the client as they are, however long; statuses grpc-java made
 * itself (F5/F8) are gateway errors with a fixed message, logged at WARN with grpc-java's text.
 */
class GatewayBackendStatusTest {
  @RegisterExtension final TestServers servers = new TestServers();

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Logger interceptorLog;

  @BeforeEach
  void captureWarnings() {
    interceptorLog = (Logger) LoggerFactory.getLogger(
        "dev.gangway.gateway.backend.LocalStatusInterceptor");
    logged.start();
    interceptorLog.addAppender(logged);
  }

  @AfterEach
  void stopCapturing() {
    interceptorLog.detachAppender(logged);
  }

  private Http gateway(int maxMessageBytes) throws Exception {
    EchoBackend echo = servers.backend("echo");
    GatewayServer gateway = servers.gateway(TestConfigs.config(new BackendConfig("echo",
        List.of(ECHO_SERVICE), echo.target(), Optional.empty(), Duration.ofSeconds(30),
        maxMessageBytes, BackendConfig.LoadBalancing.ROUND_ROBIN, Optional.empty())));
    return new Http(gateway.httpPort());
  }

  @Test
  void aBackendErrorWithTrailersOver8KibKeepsItsStatusAndMessage() throws Exception {
    // F4: the message echoes a 20,000-character resource name; grpc-java's 8 KiB default made
    // this a 500.
    Http http = gateway(4 << 20);
    String name = "n".repeat(20_000);

    HttpResponse<String> response =
        http.post("/v1/fail", "{\"code\":5,\"message\":\"no such book " + name + "\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.json(response.body()).get("message").asText())
        .isEqualTo("no such book " + name);
    assertThat(logged.list).isEmpty();
  }

  @Test
  void aStatusGrpcJavaMadeIsAGatewayErrorWithAFixedMessageLoggedAtWarn() throws Exception {
    // The response (a few dozen bytes) exceeds the backend's 8-byte message limit: grpc-java
    // fails the call itself, with wording that names sizes.
    Http http = gateway(8);

    HttpResponse<String> first = http.get("/v1/echo/" + "long".repeat(10));
    HttpResponse<String> second = http.get("/v1/echo/" + "long".repeat(10));

    assertThat(first.statusCode()).isEqualTo(429);
    JsonNode status = Http.json(first.body());
    assertThat(status.get("code").asInt()).isEqualTo(8);
    assertThat(status.get("message").asText()).isEqualTo("call to backend \"echo\" failed:"
        + " RESOURCE_EXHAUSTED (calling gangway.gwtest.v1.EchoService/Echo)");
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(logged.list).isNotEmpty();
    ILoggingEvent warning = logged.list.get(0);
    assertThat(warning.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
    assertThat(warning.getFormattedMessage()).startsWith("backend \"echo\": "
        + "gangway.gwtest.v1.EchoService/Echo failed in the gateway's gRPC transport:"
        + " RESOURCE_EXHAUSTED: ");
    // Two failures within a second: one line, the other counted for the next.
    assertThat(logged.list).hasSize(1);
  }
}
