package dev.gangway.gateway.testing;

import com.google.protobuf.Empty;
import dev.gangway.gateway.gwtest.v1.CreateDocumentRequest;
import dev.gangway.gateway.gwtest.v1.DeleteDocumentRequest;
import dev.gangway.gateway.gwtest.v1.Document;
import dev.gangway.gateway.gwtest.v1.DocumentsGrpc;
import dev.gangway.gateway.gwtest.v1.GetDocumentRequest;
import dev.gangway.gateway.gwtest.v1.UpdateDocumentRequest;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real gRPC backend for the HTTP semantics tests: documents in memory, each with a version and
 * an entity tag ({@code v<version>}) that changes on every update (AIP-154); an update or delete
 * with a stale {@code etag} is ABORTED; an update changes only the fields its mask names. Every
 * answer carries the response header {@code x-document-version}, and GetDocument the header
 * {@code x-if-none-match} with the tag it was asked about, in brackets.
 *
 * <p>Thread-safe.
 */
public final class TestDocuments extends DocumentsGrpc.DocumentsImplBase implements AutoCloseable {
  static final Metadata.Key<String> VERSION =
      Metadata.Key.of("x-document-version", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> IF_NONE_MATCH =
      Metadata.Key.of("x-if-none-match", Metadata.ASCII_STRING_MARSHALLER);

  private final Map<String, Document> documents = new ConcurrentHashMap<>();
  /** The response headers of the answer being sent on this thread. */
  private final ThreadLocal<Metadata> answering = new ThreadLocal<>();
  private final Server server;

  public TestDocuments() throws IOException {
    // The stub sends headers right before the first message, on the thread that answers.
    ServerInterceptor answerHeaders = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void sendHeaders(Metadata responseHeaders) {
            Metadata extra = answering.get();
            if (extra != null) {
              responseHeaders.merge(extra);
            }
            super.sendHeaders(responseHeaders);
          }
        }, headers);
      }
    };
    server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .addService(ServerInterceptors.intercept(this, answerHeaders))
        .build()
        .start();
  }

  public String target() {
    return "127.0.0.1:" + server.getPort();
  }

  public Map<String, Document> documents() {
    return documents;
  }

  @Override
  public void createDocument(CreateDocumentRequest request, StreamObserver<Document> out) {
    String name = "documents/" + request.getDocumentId();
    Document created = request.getDocument().toBuilder()
        .setName(name).setVersion(1).setEtag("v1").build();
    if (documents.putIfAbsent(name, created) != null) {
      out.onError(Status.ALREADY_EXISTS.withDescription(name + " exists").asRuntimeException());
      return;
    }
    answer(out, created, new Metadata());
  }

  @Override
  public void getDocument(GetDocumentRequest request, StreamObserver<Document> out) {
    Document document = documents.get(request.getName());
    if (document == null) {
      out.onError(Status.NOT_FOUND.withDescription(request.getName()).asRuntimeException());
      return;
    }
    Metadata asked = new Metadata();
    asked.put(IF_NONE_MATCH, "[" + request.getIfNoneMatch() + "]");
    answer(out, document, asked);
  }

  @Override
  public void updateDocument(UpdateDocumentRequest request, StreamObserver<Document> out) {
    String name = request.getDocument().getName();
    Document current = documents.get(name);
    if (current == null) {
      out.onError(Status.NOT_FOUND.withDescription(name).asRuntimeException());
      return;
    }
    if (!request.getEtag().isEmpty() && !request.getEtag().equals(current.getEtag())) {
      out.onError(Status.ABORTED.withDescription("etag " + request.getEtag() + " is stale; the"
          + " document is at " + current.getEtag()).asRuntimeException());
      return;
    }
    Document.Builder next = current.toBuilder();
    Document change = request.getDocument();
    for (String path : request.getUpdateMask().getPathsList()) {
      switch (path) {
        case "title" -> next.setTitle(change.getTitle());
        case "body" -> next.setBody(change.getBody());
        case "author" -> next.setAuthor(change.getAuthor());
        case "author.name" -> next.getAuthorBuilder().setName(change.getAuthor().getName());
        case "author.email" -> next.getAuthorBuilder().setEmail(change.getAuthor().getEmail());
        default -> {
          out.onError(Status.INVALID_ARGUMENT.withDescription("update_mask: unknown path "
              + path).asRuntimeException());
          return;
        }
      }
    }
    int version = current.getVersion() + 1;
    Document updated = next.setVersion(version).setEtag("v" + version)
        .clearLastUpdateMask().addAllLastUpdateMask(request.getUpdateMask().getPathsList())
        .build();
    documents.put(name, updated);
    answer(out, updated, new Metadata());
  }

  /** Answers with {@code document}, its version and {@code extra} as response headers. */
  private void answer(StreamObserver<Document> out, Document document, Metadata extra) {
    extra.put(VERSION, Integer.toString(document.getVersion()));
    answering.set(extra);
    try {
      out.onNext(document);
    } finally {
      answering.remove();
    }
    out.onCompleted();
  }

  @Override
  public void deleteDocument(DeleteDocumentRequest request, StreamObserver<Empty> out) {
    documents.remove(request.getName());
    out.onNext(Empty.getDefaultInstance());
    out.onCompleted();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }
}
