package dev.gangway.gateway.reflection;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import dev.gangway.gateway.testing.TestConfigs;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.reflection.v1.ErrorResponse;
import io.grpc.reflection.v1.FileDescriptorResponse;
import io.grpc.reflection.v1.ListServiceResponse;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import dev.gangway.gateway.testing.ReflectingBackend;
import dev.gangway.gateway.testing.ReflectingBackend.Reflection;
import dev.gangway.gateway.testing.TestServers;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import dev.gangway.transcoder.descriptor.LoadedDescriptors;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.routing.MatchResult;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server reflection against real grpc-java servers with {@code ProtoReflectionService}: v1, a
 * v1alpha-only one, one without reflection, and the bounds on what a backend may send.
 */
class ReflectionClientTest {
  private static final ReflectionClient.Limits ROOMY =
      new ReflectionClient.Limits(Duration.ofSeconds(10), 1000, 16 << 20);

  @RegisterExtension final TestServers servers = new TestServers();
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private ManagedChannel channel;

  @AfterEach
  void close() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    executor.shutdownNow();
  }

  private ReflectingBackend backend(Reflection reflection) throws Exception {
    ReflectingBackend backend = servers.own(ReflectingBackend.start(reflection));
    channel = Grpc.newChannelBuilder(backend.target(), InsecureChannelCredentials.create())
        .build();
    return backend;
  }

  private ReflectionClient.Fetched fetch(ReflectionClient.Limits limits) throws Exception {
    return ReflectionClient.fetch(channel, limits, executor).get(20, TimeUnit.SECONDS);
  }

  @Test
  void fetchesEveryServiceWithItsImportsOverV1() throws Exception {
    backend(Reflection.V1);

    ReflectionClient.Fetched fetched = fetch(ROOMY);

    assertThat(fetched.protocol()).isEqualTo("grpc.reflection.v1");
    assertThat(fetched.services()).containsExactly(ECHO_SERVICE);
    assertThat(fetched.problems()).isEmpty();
    assertThat(fetched.files()).extracting(FileDescriptorProto::getName)
        .contains("gangway/gwtest/v1/echo.proto", "google/api/annotations.proto",
            "google/api/http.proto", "google/protobuf/descriptor.proto")
        .isSorted();
    LoadedDescriptors loaded = DescriptorLoader.load(List.of(DescriptorSource.bytes("reflected",
        FileDescriptorSet.newBuilder().addAllFile(fetched.files()).build().toByteArray())));
    assertThat(loaded.problems()).isEmpty();
    // The http annotations came along: the served descriptors route as the files would.
    Transcoder transcoder = Transcoder.build(loaded, TranscoderOptions.DEFAULT);
    assertThat(transcoder.match("GET", "/v1/echo/hi")).isInstanceOf(MatchResult.Matched.class);
  }

  @Test
  void seesWhatTheBackendServesNow() throws Exception {
    ReflectingBackend backend = backend(Reflection.V1);
    assertThat(fetch(ROOMY).services()).containsExactly(ECHO_SERVICE);

    backend.addOrphanService();

    assertThat(fetch(ROOMY).services())
        .containsExactly(ECHO_SERVICE, "gangway.gwtest.v1.OrphanService");
  }

  @Test
  void fallsBackToV1AlphaWhenV1IsUnimplemented() throws Exception {
    backend(Reflection.V1ALPHA);

    ReflectionClient.Fetched fetched = fetch(ROOMY);

    assertThat(fetched.protocol()).isEqualTo("grpc.reflection.v1alpha");
    assertThat(fetched.services()).containsExactly(ECHO_SERVICE);
    assertThat(fetched.files()).extracting(FileDescriptorProto::getName)
        .contains("gangway/gwtest/v1/echo.proto");
  }

  @Test
  void aBackendWithoutReflectionFailsNamingBothProtocols() throws Exception {
    backend(Reflection.NONE);

    assertThatThrownBy(() -> fetch(ROOMY))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(ReflectionException.class)
        .hasMessage("the backend serves neither [grpc.reflection.v1.ServerReflection,"
            + " grpc.reflection.v1alpha.ServerReflection] (UNIMPLEMENTED): it does not implement"
            + " server reflection");
  }

  @Test
  void aBackendSendingMoreFilesThanAllowedIsCut() throws Exception {
    backend(Reflection.V1);

    assertThatThrownBy(() -> fetch(new ReflectionClient.Limits(Duration.ofSeconds(10), 3, 1 << 20)))
        .cause().isInstanceOf(ReflectionException.class)
        .hasMessage("grpc.reflection.v1.ServerReflection: the backend listed or sent more than 3"
            + " services and descriptor files (max_files)");
  }

  @Test
  void aBackendSendingMoreBytesThanAllowedIsCut() throws Exception {
    backend(Reflection.V1);

    assertThatThrownBy(() -> fetch(new ReflectionClient.Limits(Duration.ofSeconds(10), 1000, 512)))
        .cause().isInstanceOf(ReflectionException.class)
        .hasMessage("grpc.reflection.v1.ServerReflection: the backend sent more than 512 bytes of"
            + " descriptors (max_size)");
  }

  @Test
  void anUnreachableBackendFailsWithinTheDeadline() {
    channel = Grpc.newChannelBuilder("127.0.0.1:1", InsecureChannelCredentials.create()).build();

    assertThatThrownBy(() -> fetch(new ReflectionClient.Limits(Duration.ofSeconds(2), 10, 1024)))
        .cause().isInstanceOf(ReflectionException.class)
        .hasMessageStartingWith("grpc.reflection.v1.ServerReflection: UNAVAILABLE");
  }

  /**
   * A reflection service that answers each file request with that one file only, never its
   * imports (the protocol allows both; grpc-java's sends the imports along), and names the
   * reflection service it serves: the client must ask for every import by file name.
   */
  private static final class OneFileAtATime extends ServerReflectionGrpc.ServerReflectionImplBase {
    private final Map<String, FileDescriptorProto> files = new HashMap<>();

    OneFileAtATime() throws IOException {
      FileDescriptorSet.parseFrom(Files.readAllBytes(TestConfigs.DESCRIPTORS)).getFileList()
          .forEach(f -> files.put(f.getName(), f));
    }

    @Override
    public StreamObserver<ServerReflectionRequest> serverReflectionInfo(
        StreamObserver<ServerReflectionResponse> responses) {
      return new StreamObserver<>() {
        @Override
        public void onNext(ServerReflectionRequest request) {
          ServerReflectionResponse.Builder response =
              ServerReflectionResponse.newBuilder().setOriginalRequest(request);
          switch (request.getMessageRequestCase()) {
            case LIST_SERVICES -> response.setListServicesResponse(ListServiceResponse.newBuilder()
                .addService(ServiceResponse.newBuilder().setName(ECHO_SERVICE))
                .addService(ServiceResponse.newBuilder().setName("gangway.gwtest.v1.Missing")));
            case FILE_CONTAINING_SYMBOL -> one(response,
                request.getFileContainingSymbol().equals(ECHO_SERVICE)
                    ? "gangway/gwtest/v1/echo.proto" : "none");
            case FILE_BY_FILENAME -> one(response, request.getFileByFilename());
            default -> response.setErrorResponse(ErrorResponse.newBuilder().setErrorCode(12));
          }
          responses.onNext(response.build());
        }

        private void one(ServerReflectionResponse.Builder response, String name) {
          FileDescriptorProto file = files.get(name);
          if (file == null) {
            response.setErrorResponse(ErrorResponse.newBuilder().setErrorCode(5)
                .setErrorMessage("not found"));
          } else {
            response.setFileDescriptorResponse(FileDescriptorResponse.newBuilder()
                .addFileDescriptorProto(file.toByteString()));
          }
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          responses.onCompleted();
        }
      };
    }
  }

  @Test
  void asksForEveryImportTheBackendDidNotSendAlong() throws Exception {
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new OneFileAtATime()).build().start();
    servers.own(() -> server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS));
    channel = Grpc.newChannelBuilder("127.0.0.1:" + server.getPort(),
        InsecureChannelCredentials.create()).build();

    ReflectionClient.Fetched fetched = fetch(ROOMY);

    assertThat(fetched.services()).containsExactly(ECHO_SERVICE, "gangway.gwtest.v1.Missing");
    assertThat(fetched.files()).extracting(FileDescriptorProto::getName)
        .contains("gangway/gwtest/v1/echo.proto", "google/api/annotations.proto",
            "google/api/http.proto", "google/protobuf/descriptor.proto");
    assertThat(fetched.problems())
        .containsExactly("symbol gangway.gwtest.v1.Missing: NOT_FOUND not found");
  }
}
