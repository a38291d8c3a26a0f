package dev.gangway.gateway.reflection;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Fetches the descriptors a backend serves by gRPC server reflection, over one
 * {@code ServerReflectionInfo} stream: lists the services, asks for the file of each
 * ({@code file_containing_symbol}), then for every import not received yet
 * ({@code file_by_filename}), until nothing is outstanding. {@code grpc.reflection.v1} first; a
 * backend that answers UNIMPLEMENTED is asked again with {@code grpc.reflection.v1alpha}.
 *
 * <p>Asynchronous: {@link #fetch} returns at once and the result completes from the call's
 * callbacks, which run on the given executor (never an IO thread of the HTTP listener). The whole
 * stream has one deadline. What a backend can make the gateway hold is bounded: services plus
 * files at most {@link Limits#maxFiles}, descriptor bytes at most {@link Limits#maxBytes} (each
 * response is also bounded by the channel's max message size); beyond a bound the call is
 * cancelled and the fetch fails naming the bound. One instance per attempt; its state is
 * confined to the call's serialized callbacks.
 *
 * <pre>{@code
 * ReflectionClient.fetch(channel, limits, executor)
 *     .whenComplete((fetched, failure) -> ...);
 * }</pre>
 */
public final class ReflectionClient extends ClientCall.Listener<ServerReflectionResponse> {
  /** v1 first: the current protocol. */
  private static final MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse> V1 =
      ServerReflectionGrpc.getServerReflectionInfoMethod();
  /**
   * v1alpha, the only one older servers have. Its messages are field for field the same as
   * v1's (v1 was a rename), so v1's generated types marshal it; only the method name differs.
   */
  @SuppressWarnings("deprecation")
  private static final MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse>
      V1ALPHA = V1.toBuilder()
          .setFullMethodName(io.grpc.reflection.v1alpha.ServerReflectionGrpc
              .getServerReflectionInfoMethod().getFullMethodName())
          .build();
  private static final List<MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse>>
      PROTOCOLS = List.of(V1, V1ALPHA);

  private final Channel channel;
  private final Limits limits;
  private final Executor executor;
  private final int protocol;
  private final CompletableFuture<Fetched> result;
  private final Map<String, FileDescriptorProto> files = new LinkedHashMap<>();
  private final Set<String> asked = new HashSet<>();
  private final List<String> services = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private ClientCall<ServerReflectionRequest, ServerReflectionResponse> call;
  private int outstanding;
  private long bytes;
  private String failure;

  /**
   * The bounds of one fetch.
   *
   * @param timeout the deadline of the whole stream
   * @param maxFiles most services plus descriptor files accepted
   * @param maxBytes most bytes of descriptor files accepted (duplicates counted)
   */
  public record Limits(Duration timeout, int maxFiles, long maxBytes) {
    public Limits {
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  /**
   * What a backend served.
   *
   * @param protocol the reflection service that answered: {@code grpc.reflection.v1} or
   *     {@code grpc.reflection.v1alpha}
   * @param services the services it lists, sorted (the reflection services left out)
   * @param files every file it sent, sorted by name (so equal content compares equal)
   * @param problems symbols or files it could not give, one line each
   */
  public record Fetched(String protocol, List<String> services, List<FileDescriptorProto> files,
      List<String> problems) {
    public Fetched {
      Objects.requireNonNull(protocol, "protocol");
      services = List.copyOf(services);
      files = List.copyOf(files);
      problems = List.copyOf(problems);
    }
  }

  private ReflectionClient(Channel channel, Limits limits, Executor executor, int protocol,
      CompletableFuture<Fetched> result) {
    this.channel = channel;
    this.limits = limits;
    this.executor = executor;
    this.protocol = protocol;
    this.result = result;
  }

  /**
   * Starts a fetch from {@code channel}; callbacks run on {@code executor}. Fails with a
   * {@link ReflectionException} naming the protocols tried when neither is served, or the bound
   * that was passed.
   */
  public static CompletableFuture<Fetched> fetch(Channel channel, Limits limits,
      Executor executor) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(executor, "executor");
    CompletableFuture<Fetched> result = new CompletableFuture<>();
    new ReflectionClient(channel, limits, executor, 0, result).start();
    return result;
  }

  private void start() {
    call = channel.newCall(PROTOCOLS.get(protocol), CallOptions.DEFAULT
        .withDeadlineAfter(limits.timeout().toNanos(), TimeUnit.NANOSECONDS)
        .withExecutor(executor));
    call.start(this, new Metadata());
    ask(ServerReflectionRequest.newBuilder().setListServices("").build());
  }

  private void ask(ServerReflectionRequest request) {
    outstanding++;
    call.request(1);
    call.sendMessage(request);
  }

  @Override
  public void onMessage(ServerReflectionResponse response) {
    if (failure != null) {
      return;
    }
    outstanding--;
    switch (response.getMessageResponseCase()) {
      case LIST_SERVICES_RESPONSE -> response.getListServicesResponse().getServiceList()
          .forEach(s -> listed(s.getName()));
      case FILE_DESCRIPTOR_RESPONSE -> response.getFileDescriptorResponse()
          .getFileDescriptorProtoList().forEach(this::received);
      case ERROR_RESPONSE -> problems.add(describe(response.getOriginalRequest()) + ": "
          + Status.fromCodeValue(response.getErrorResponse().getErrorCode()).getCode() + " "
          + response.getErrorResponse().getErrorMessage());
      default -> problems.add("unexpected reflection response "
          + response.getMessageResponseCase());
    }
    if (failure != null) {
      call.cancel(failure, null);
    } else if (outstanding == 0) {
      call.halfClose();
    }
  }

  private void listed(String service) {
    if (failure != null || service.startsWith("grpc.reflection.")) {
      return;
    }
    if (overFiles(services.size() + 1)) {
      return;
    }
    services.add(service);
    ask(ServerReflectionRequest.newBuilder().setFileContainingSymbol(service).build());
  }

  private void received(ByteString data) {
    if (failure != null) {
      return;
    }
    bytes += data.size();
    if (bytes > limits.maxBytes()) {
      failure = "sent more than " + limits.maxBytes() + " bytes of descriptors (max_size)";
      return;
    }
    FileDescriptorProto file;
    try {
      file = FileDescriptorProto.parseFrom(data);
    } catch (InvalidProtocolBufferException e) {
      problems.add("a file descriptor that does not parse: " + e.getMessage());
      return;
    }
    if (files.containsKey(file.getName()) || overFiles(services.size() + files.size() + 1)) {
      return;
    }
    files.put(file.getName(), file);
    asked.add(file.getName());
    for (String dependency : file.getDependencyList()) {
      // A file_containing_symbol answer usually carries the imports too; ask only for the rest.
      if (asked.add(dependency)) {
        ask(ServerReflectionRequest.newBuilder().setFileByFilename(dependency).build());
      }
    }
  }

  private boolean overFiles(int count) {
    if (count > limits.maxFiles()) {
      failure = "listed or sent more than " + limits.maxFiles()
          + " services and descriptor files (max_files)";
      return true;
    }
    return false;
  }

  private static String describe(ServerReflectionRequest request) {
    return switch (request.getMessageRequestCase()) {
      case FILE_CONTAINING_SYMBOL -> "symbol " + request.getFileContainingSymbol();
      case FILE_BY_FILENAME -> "file " + request.getFileByFilename();
      default -> request.getMessageRequestCase().name().toLowerCase(Locale.ROOT);
    };
  }

  @Override
  public void onClose(Status status, Metadata trailers) {
    String name = PROTOCOLS.get(protocol).getServiceName();
    if (failure != null) {
      result.completeExceptionally(new ReflectionException(name + ": the backend " + failure));
    } else if (status.isOk() && outstanding == 0) {
      List<FileDescriptorProto> sorted = new ArrayList<>(files.values());
      sorted.sort(Comparator.comparing(FileDescriptorProto::getName));
      services.sort(Comparator.naturalOrder());
      result.complete(new Fetched(name.substring(0, name.lastIndexOf('.')), services, sorted,
          problems));
    } else if (status.getCode() == Status.Code.UNIMPLEMENTED && protocol + 1 < PROTOCOLS.size()) {
      new ReflectionClient(channel, limits, executor, protocol + 1, result).start();
    } else if (status.getCode() == Status.Code.UNIMPLEMENTED) {
      result.completeExceptionally(new ReflectionException("the backend serves neither "
          + PROTOCOLS.stream().map(MethodDescriptor::getServiceName).toList()
          + " (UNIMPLEMENTED): it does not implement server reflection"));
    } else if (status.isOk()) {
      result.completeExceptionally(new ReflectionException(
          name + ": the backend ended the stream with " + outstanding + " request(s) unanswered"));
    } else {
      result.completeExceptionally(new ReflectionException(name + ": " + status.getCode()
          + (status.getDescription() == null ? "" : " " + status.getDescription())));
    }
  }
}
