package dev.gangway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.config.RouteConfig;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import dev.gangway.transcoder.descriptor.LoadProblem;
import dev.gangway.transcoder.options.TranscoderOptions;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendBindingsTest {
  private final ChannelRegistry channels = new ChannelRegistry();
  private final Transcoder transcoder = Transcoder.build(
      DescriptorLoader.load(List.of(DescriptorSource.path(TestConfigs.DESCRIPTORS))),
      TranscoderOptions.DEFAULT);

  @AfterEach
  void close() {
    channels.close();
  }

  private Descriptors.MethodDescriptor method(String fullName) {
    return transcoder.routes().stream()
        .map(MethodRoute::method)
        .filter(m -> m.getFullName().equals(fullName))
        .findFirst()
        .orElseThrow();
  }

  private BackendBindings build(RouteConfig... routes) throws Exception {
    GatewayConfig config = TestConfigs.config(TestConfigs.server(),
        List.of(TestConfigs.backend("echo", "127.0.0.1:7001", Duration.ofSeconds(7),
            TestConfigs.ECHO_SERVICE)),
        List.of(routes), HeadersConfig.DEFAULT);
    return BackendBindings.build(config, transcoder, channels);
  }

  @Test
  void bindsEachRoutedMethodToItsBackendWithByteMarshallers() throws Exception {
    BoundMethod echo = build().method(method("gangway.gwtest.v1.EchoService.Echo")).orElseThrow();

    assertThat(echo.backendName()).hasValue("echo");
    assertThat(echo.channel()).isPresent();
    assertThat(echo.timeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(echo.grpcMethod().getFullMethodName()).isEqualTo("gangway.gwtest.v1.EchoService/Echo");
    assertThat(echo.grpcMethod().getType()).isEqualTo(MethodDescriptor.MethodType.UNARY);
    assertThat(echo.grpcMethod().getRequestMarshaller()).isSameAs(BytesMarshaller.INSTANCE);
  }

  @Test
  void routeTimeoutOverridesTheBackendTimeout() throws Exception {
    BackendBindings bindings = build(
        new RouteConfig("gangway.gwtest.v1.EchoService.Slow", Duration.ofMillis(1500)));

    assertThat(bindings.method(method("gangway.gwtest.v1.EchoService.Slow")).orElseThrow().timeout())
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(bindings.method(method("gangway.gwtest.v1.EchoService.Echo")).orElseThrow().timeout())
        .isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void streamingMethodsGetTheStreamTimeoutUnlessARouteSetsOne() throws Exception {
    BackendBindings bindings = build(
        new RouteConfig("gangway.gwtest.v1.EchoService.Sum", Duration.ofMinutes(3)));

    Duration stream = TestConfigs.server().streamTimeout();
    assertThat(bindings.method(method("gangway.gwtest.v1.EchoService.Count")).orElseThrow()
        .timeout()).isEqualTo(stream).isNotEqualTo(Duration.ofSeconds(7));
    assertThat(bindings.method(method("gangway.gwtest.v1.EchoService.Upload")).orElseThrow()
        .timeout()).isEqualTo(stream);
    assertThat(bindings.method(method("gangway.gwtest.v1.EchoService.Chat")).orElseThrow()
        .timeout()).isEqualTo(stream);
    assertThat(bindings.method(method("gangway.gwtest.v1.EchoService.Sum")).orElseThrow()
        .timeout()).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void streamingMethodsKeepTheirType() throws Exception {
    BoundMethod count = build().method(method("gangway.gwtest.v1.EchoService.Count")).orElseThrow();

    assertThat(count.grpcMethod().getType()).isEqualTo(MethodDescriptor.MethodType.SERVER_STREAMING);
  }

  @Test
  void serviceWithoutBackendIsUnboundAndReported() throws Exception {
    BackendBindings bindings = build();

    BoundMethod ping = bindings.method(method("gangway.gwtest.v1.OrphanService.Ping")).orElseThrow();
    assertThat(ping.channel()).isEmpty();
    assertThat(ping.backendName()).isEmpty();
    assertThat(bindings.problems()).containsExactly(new LoadProblem("gangway.gwtest.v1.OrphanService",
        "no backend serves this service; its routes answer 503 UNAVAILABLE"));
    assertThat(bindings.backendFor("gangway.gwtest.v1.OrphanService")).isEmpty();
    assertThat(bindings.backendFor(TestConfigs.ECHO_SERVICE)).hasValue("echo");
  }

  @Test
  void looksMethodsUpByIdentityNotByName() throws Exception {
    BackendBindings bindings = build();
    Transcoder other = Transcoder.build(
        DescriptorLoader.load(List.of(DescriptorSource.path(TestConfigs.DESCRIPTORS))),
        TranscoderOptions.DEFAULT);
    Descriptors.MethodDescriptor sameNameOtherSnapshot = other.routes().get(0).method();

    assertThat(bindings.method(sameNameOtherSnapshot)).isEmpty();
    assertThat(bindings.methods()).hasSize(13);
  }
}
