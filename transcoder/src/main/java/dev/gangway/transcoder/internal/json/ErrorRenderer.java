package dev.gangway.transcoder.internal.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TypeRegistry;
import com.google.rpc.Code;
import com.google.rpc.ErrorDetailsProto;
import com.google.rpc.Status;
import dev.gangway.transcoder.errors.StatusMapping;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.render.RenderedError;
import dev.gangway.transcoder.internal.codec.CodecException;
import dev.gangway.transcoder.internal.codec.CompiledCodec;
import dev.gangway.transcoder.internal.codec.MessageSchema;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes every error the gateway answers with as a JSON {@code google.rpc.Status}, with the HTTP
 * status from {@link StatusMapping}: {@code {"code":3,"message":"...","details":[{"@type":
 * "type.googleapis.com/google.rpc.BadRequest",...}]}}, the code as a number (as Google APIs and
 * grpc-gateway do), {@code details} always present.
 *
 * <p>Immutable and thread-safe; built once per snapshot from its {@link JsonCodec}, whose printer
 * options the details follow. Details resolve against the snapshot's types first, then the
 * {@code google.rpc} error detail types ({@code BadRequest}, {@code ErrorInfo}, ...), which are
 * always known. A detail that cannot be printed (its type is unknown, its bytes do not parse, it
 * holds an unknown {@code Any}) is written raw, never dropped:
 * {@code {"@type":"type.googleapis.com/x.Unknown","value":"<base64>"}}, the shape JsonFormat uses
 * for an {@code Any} whose payload has a special JSON form, with the payload as proto3 JSON writes
 * bytes. Rendering cannot fail: on any error the constant {@link #FALLBACK} is returned.
 *
 * <pre>{@code
 * ErrorRenderer errors = new ErrorRenderer(codec);            // per snapshot
 * RenderedError error = errors.render(statusFromBackend);     // per failed call
 * }</pre>
 */
public final class ErrorRenderer {
  /** 500 with {@code {"code":13,"message":"error rendering failed"}}: the last resort. */
  public static final RenderedError FALLBACK =
      new RenderedError(
          500,
          13,
          "{\"code\":13,\"message\":\"error rendering failed\"}".getBytes(StandardCharsets.UTF_8));

  private static final TypeRegistry ERROR_DETAILS =
      TypeRegistry.newBuilder().add(ErrorDetailsProto.getDescriptor().getMessageTypes()).build();

  private final TypeRegistry snapshotTypes;
  private final CompiledCodec snapshotCodec;
  private final CompiledCodec errorDetailsCodec;
  private final MessageSchema snapshotAny;
  private final MessageSchema errorDetailsAny;

  public ErrorRenderer(JsonCodec codec) {
    Objects.requireNonNull(codec, "codec");
    this.snapshotTypes = codec.types();
    this.snapshotCodec = codec.compiled();
    this.errorDetailsCodec = codec.compiledUsing(ERROR_DETAILS);
    this.snapshotAny = snapshotCodec.schema(Any.getDescriptor());
    this.errorDetailsAny = errorDetailsCodec.schema(Any.getDescriptor());
  }

  /** A status from a backend (or one the gateway made): HTTP status from {@link StatusMapping}. */
  public RenderedError render(Status status) {
    Objects.requireNonNull(status, "status");
    return guarded(
        () ->
            write(
                StatusMapping.httpStatus(status.getCode()),
                status.getCode(),
                status.getMessage(),
                status.getDetailsList()));
  }

  /** A request the transcoder refused: its own HTTP status and code, no details. */
  public RenderedError render(TranscodingException e) {
    Objects.requireNonNull(e, "e");
    return guarded(() -> write(e.httpStatus(), e.code().getNumber(), e.getMessage(), List.of()));
  }

  /** A gateway-made error whose HTTP status is not the table's (405, 413, 415...). */
  public RenderedError render(int httpStatus, Code code, String message) {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    return guarded(() -> write(httpStatus, code.getNumber(), message, List.of()));
  }

  /** {@code attempt}, or {@link #FALLBACK} if it throws: the error path itself cannot fail. */
  static RenderedError guarded(Supplier<RenderedError> attempt) {
    try {
      return attempt.get();
    } catch (RuntimeException e) {
      return FALLBACK;
    }
  }

  private RenderedError write(int httpStatus, int code, String message, List<Any> details) {
    StringBuilder out = new StringBuilder(64 + message.length());
    out.append("{\"code\":").append(code).append(",\"message\":").append(quote(message));
    out.append(",\"details\":[");
    for (int i = 0; i < details.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(detail(details.get(i)));
    }
    out.append("]}");
    return new RenderedError(httpStatus, code, out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private String detail(Any detail) {
    boolean snapshot = known(snapshotTypes, detail.getTypeUrl());
    if (!snapshot && !known(ERROR_DETAILS, detail.getTypeUrl())) {
      return raw(detail);
    }
    try {
      byte[] json = snapshot
          ? snapshotCodec.toJson(snapshotAny, detail.toByteArray())
          : errorDetailsCodec.toJson(errorDetailsAny, detail.toByteArray());
      return new String(json, StandardCharsets.UTF_8);
    } catch (CodecException | RuntimeException e) {
      return raw(detail); // bytes that do not parse as the named type, or an unknown nested Any
    }
  }

  private String raw(Any detail) {
    return "{\"@type\":" + quote(detail.getTypeUrl()) + ",\"value\":\""
        + Base64.getEncoder().encodeToString(detail.getValue().toByteArray()) + "\"}";
  }

  private static boolean known(TypeRegistry registry, String typeUrl) {
    try {
      return registry.getDescriptorForTypeUrl(typeUrl) != null;
    } catch (InvalidProtocolBufferException e) {
      return false; // not a type URL at all
    }
  }

  /** A JSON string literal, escaped as the codec escapes string fields. */
  private static String quote(String text) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }
}
