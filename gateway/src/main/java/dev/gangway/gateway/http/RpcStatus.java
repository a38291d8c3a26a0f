package dev.gangway.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.Any;
import com.google.rpc.Code;
import io.grpc.Metadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * How the browser RPC protocols carry a call's outcome: gRPC-Web's trailers frame
 * ({@code grpc-status}, percent-encoded {@code grpc-message}, {@code grpc-status-details-bin} and
 * the backend's trailers) and Connect's error JSON ({@code {"code":"not_found","message":...,
 * "details":[{"type":...,"value":...}]}}) and end-of-stream JSON.
 *
 * <p>Stateless and thread-safe.
 */
final class RpcStatus {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String DETAILS_KEY = "grpc-status-details-bin";

  private RpcStatus() {}

  /** The gRPC-Web trailers frame's payload: {@code name:value\r\n} lines, lower-case names. */
  static byte[] grpcWebTrailers(com.google.rpc.Status status, Metadata trailers) {
    StringBuilder out = new StringBuilder(64);
    out.append("grpc-status:").append(status.getCode()).append("\r\n");
    if (!status.getMessage().isEmpty()) {
      out.append("grpc-message:").append(percentEncode(status.getMessage())).append("\r\n");
    }
    if (status.getDetailsCount() > 0) {
      out.append(DETAILS_KEY).append(':')
          .append(Base64.getEncoder().withoutPadding().encodeToString(status.toByteArray()))
          .append("\r\n");
    }
    if (trailers != null) {
      for (String key : trailers.keys()) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.startsWith("grpc-") || key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
          continue; // status keys are written above; binary values have no text form here
        }
        for (String value : trailers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
          out.append(lower).append(':').append(value).append("\r\n");
        }
      }
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * {@code grpc-message}'s encoding (gRPC over HTTP/2, "Responses"): UTF-8, then every byte
   * outside printable ASCII, and {@code %}, as {@code %XX}.
   */
  static String percentEncode(String message) {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c >= 0x20 && c <= 0x7e && c != '%') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** Connect's name of a code: {@code not_found}; {@code canceled} with one l, as the spec has it. */
  static String connectCode(int code) {
    Code c = Code.forNumber(code);
    if (c == null || c == Code.UNRECOGNIZED) {
      return "unknown";
    }
    return c == Code.CANCELLED ? "canceled" : c.name().toLowerCase(Locale.ROOT);
  }

  /** Connect's error object, the body of a unary error. */
  static byte[] connectError(com.google.rpc.Status status) {
    return json(g -> writeError(g, status));
  }

  /**
   * Connect's end-of-stream message: {@code {}} after a stream that ended OK, else
   * {@code {"error":{...}}}; the backend's trailers as {@code metadata}.
   */
  static byte[] connectEndStream(com.google.rpc.Status status, Metadata trailers) {
    return json(g -> {
      g.writeStartObject();
      if (status.getCode() != 0) {
        g.writeFieldName("error");
        writeError(g, status);
      }
      if (trailers != null && !trailers.keys().isEmpty()) {
        g.writeObjectFieldStart("metadata");
        for (String key : trailers.keys()) {
          if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX) || key.startsWith("grpc-")) {
            continue;
          }
          g.writeArrayFieldStart(key);
          for (String v : trailers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
            g.writeString(v);
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    });
  }

  private static void writeError(JsonGenerator g, com.google.rpc.Status status) throws IOException {
    g.writeStartObject();
    g.writeStringField("code", connectCode(status.getCode()));
    if (!status.getMessage().isEmpty()) {
      g.writeStringField("message", status.getMessage());
    }
    if (status.getDetailsCount() > 0) {
      g.writeArrayFieldStart("details");
      for (Any detail : status.getDetailsList()) {
        g.writeStartObject();
        String url = detail.getTypeUrl();
        g.writeStringField("type", url.substring(url.lastIndexOf('/') + 1));
        g.writeStringField("value",
            Base64.getEncoder().withoutPadding().encodeToString(detail.getValue().toByteArray()));
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /**
   * The code and message of a rendered {@code google.rpc.Status} JSON body (a gateway-made
   * error); details are left out. A body that does not parse is {@code fallbackCode} with no
   * message.
   */
  static com.google.rpc.Status fromJson(byte[] body, int fallbackCode) {
    com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(fallbackCode);
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return status.build();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("code") && value == JsonToken.VALUE_NUMBER_INT) {
          status.setCode(p.getIntValue());
        } else if (name.equals("message") && value == JsonToken.VALUE_STRING) {
          status.setMessage(p.getText());
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      return com.google.rpc.Status.newBuilder().setCode(fallbackCode).build();
    }
    return status.build();
  }

  private interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] json(Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }
}
