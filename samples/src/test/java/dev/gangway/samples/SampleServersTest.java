package dev.gangway.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SampleServersTest {

  @Test
  void startsEachBackendOnItsOwnPort() throws Exception {
    try (RunningSamples samples = SampleServers.builder().start()) {
      assertThat(samples.backends()).containsExactly(SampleBackend.values());
      assertThat(samples.backends().stream().map(samples::port).distinct()).hasSize(SampleBackend.values().length);
      for (SampleBackend backend : SampleBackend.values()) {
        assertThat(samples.address(backend).getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(samples.target(backend)).isEqualTo("127.0.0.1:" + samples.port(backend));
      }
    }
  }

  @Test
  void startsOnlyTheChosenBackends() throws Exception {
    try (RunningSamples samples =
        SampleServers.builder().backends(SampleBackend.PRICING, SampleBackend.CATALOG).start()) {
      assertThat(samples.backends()).containsExactly(SampleBackend.CATALOG, SampleBackend.PRICING);
      assertThatThrownBy(() -> samples.port(SampleBackend.BOOKSTORE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("bookstore was not started");
    }
  }

  @Test
  void eachServerReportsHealthForItsService() throws Exception {
    try (RunningSamples samples = SampleServers.builder().backends(SampleBackend.REVIEWS).start()) {
      ManagedChannel channel = GrpcTesting.channel(samples, SampleBackend.REVIEWS);
      try {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);

        assertThat(health.check(HealthCheckRequest.newBuilder()
                .setService(SampleBackend.REVIEWS.serviceName()).build()).getStatus())
            .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
            .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
      } finally {
        GrpcTesting.shutdown(channel);
      }
    }
  }

  @Test
  void eachServerOffersReflection() throws Exception {
    try (RunningSamples samples = SampleServers.builder().backends(SampleBackend.CATALOG).start()) {
      ManagedChannel channel = GrpcTesting.channel(samples, SampleBackend.CATALOG);
      try {
        assertThat(listServices(channel)).contains(
            "gangway.samples.catalog.v1.Catalog", "grpc.health.v1.Health");
      } finally {
        GrpcTesting.shutdown(channel);
      }
    }
  }

  @Test
  void aPortInUseFailsTheStartNamingTheBackend() throws Exception {
    try (RunningSamples first = SampleServers.builder().backends(SampleBackend.CATALOG).start()) {
      int taken = first.port(SampleBackend.CATALOG);

      assertThatThrownBy(() -> SampleServers.builder()
              .backends(SampleBackend.BOOKSTORE, SampleBackend.PRICING)
              .port(SampleBackend.PRICING, taken)
              .start())
          .isInstanceOf(IOException.class)
          .hasMessage("pricing: cannot listen on 127.0.0.1:" + taken);
    }
  }

  @Test
  void closeIsIdempotent() throws Exception {
    RunningSamples samples = SampleServers.builder().backends(SampleBackend.CATALOG).start();

    samples.close();
    samples.close();
  }

  @Test
  void rejectsAnInvalidPort() {
    assertThatThrownBy(() -> SampleServers.builder().port(SampleBackend.CATALOG, 70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("catalog port: 70000 is not a port");
  }

  @Test
  void rejectsANegativeOrTooLongDelay() {
    assertThatThrownBy(() -> SampleServers.builder()
            .delay(SampleBackend.PRICING, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pricing delay: must be between 0 and 60000 ms, got PT-0.001S");
    assertThatThrownBy(() -> SampleServers.builder()
            .delay(SampleBackend.CATALOG, Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("catalog delay: must be between 0 and 60000 ms, got PT2M");
  }

  @Test
  void everyStartedBackendHasItsOwnDelayProbe() throws Exception {
    try (RunningSamples samples =
        SampleServers.builder().backends(SampleBackend.PRICING, SampleBackend.CATALOG).start()) {
      assertThat(samples.delays(SampleBackend.PRICING))
          .isNotSameAs(samples.delays(SampleBackend.CATALOG));
      assertThatThrownBy(() -> samples.delays(SampleBackend.REVIEWS))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("reviews was not started");
    }
  }

  private static List<String> listServices(ManagedChannel channel) throws Exception {
    CompletableFuture<ServerReflectionResponse> response = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
        .serverReflectionInfo(new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse value) {
            response.complete(value);
          }

          @Override
          public void onError(Throwable t) {
            response.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    requests.onCompleted();
    return response.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
        .map(ServiceResponse::getName)
        .toList();
  }
}
