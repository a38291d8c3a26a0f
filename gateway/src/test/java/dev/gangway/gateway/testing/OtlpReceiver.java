package dev.gangway.gateway.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1: takes {@code POST /v1/traces} with a protobuf {@code
 * ExportTraceServiceRequest} (opentelemetry-proto, trace/v1) as a collector would, decodes its
 * spans by field number, and answers 200 with an empty {@code ExportTraceServiceResponse}.
 */
public final class OtlpReceiver implements AutoCloseable {
  /** One received span: ids as lower-case hex, attributes as strings or longs. */
  public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name,
      int kind, Map<String, Object> attributes) {
    public static final int SERVER = 2;
    public static final int CLIENT = 3;
  }

  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

  public OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/traces", exchange -> {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        spans.addAll(request(body));
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1);
      }
    });
    server.start();
  }

  /** The collector's base URL, as {@code tracing.endpoint} takes it. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  /** Forgets the spans received so far. */
  public void clear() {
    spans.clear();
  }

  private static List<ReceivedSpan> request(byte[] body) throws IOException {
    List<ReceivedSpan> out = new ArrayList<>();
    for (ByteString resourceSpans : fields(body).getOrDefault(1, List.of())) {
      for (ByteString scopeSpans : fields(resourceSpans.toByteArray()).getOrDefault(2, List.of())) {
        for (ByteString span : fields(scopeSpans.toByteArray()).getOrDefault(2, List.of())) {
          out.add(span(span.toByteArray()));
        }
      }
    }
    return out;
  }

  private static ReceivedSpan span(byte[] bytes) throws IOException {
    Map<Integer, List<ByteString>> f = fields(bytes);
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (ByteString keyValue : f.getOrDefault(9, List.of())) {
      Map<Integer, List<ByteString>> kv = fields(keyValue.toByteArray());
      Map<Integer, List<ByteString>> value = fields(kv.get(2).get(0).toByteArray());
      Object v = value.containsKey(1) ? value.get(1).get(0).toStringUtf8()
          : value.containsKey(3) ? CodedInputStream.newInstance(
              value.get(3).get(0).toByteArray()).readInt64() : value.toString();
      attributes.put(kv.get(1).get(0).toStringUtf8(), v);
    }
    return new ReceivedSpan(hex(f, 1), hex(f, 2), hex(f, 4), f.get(5).get(0).toStringUtf8(),
        (int) CodedInputStream.newInstance(f.get(6).get(0).toByteArray()).readInt64(),
        attributes);
  }

  private static String hex(Map<Integer, List<ByteString>> f, int field) {
    List<ByteString> values = f.get(field);
    return values == null ? "" : HexFormat.of().formatHex(values.get(0).toByteArray());
  }

  /**
   * Field number -> raw values: length-delimited fields as their bytes, varints re-encoded as
   * varint bytes, fixed fields as their bytes.
   */
  private static Map<Integer, List<ByteString>> fields(byte[] bytes) throws IOException {
    Map<Integer, List<ByteString>> out = new LinkedHashMap<>();
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int number = WireFormat.getTagFieldNumber(tag);
      ByteString value = switch (WireFormat.getTagWireType(tag)) {
        case WireFormat.WIRETYPE_LENGTH_DELIMITED -> in.readBytes();
        case WireFormat.WIRETYPE_VARINT -> varint(in.readInt64());
        case WireFormat.WIRETYPE_FIXED64 -> ByteString.copyFrom(in.readRawBytes(8));
        case WireFormat.WIRETYPE_FIXED32 -> ByteString.copyFrom(in.readRawBytes(4));
        default -> throw new IOException("unexpected wire type in tag " + tag);
      };
      out.computeIfAbsent(number, n -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static ByteString varint(long value) throws IOException {
    ByteString.Output out = ByteString.newOutput();
    com.google.protobuf.CodedOutputStream coded = com.google.protobuf.CodedOutputStream
        .newInstance(out);
    coded.writeInt64NoTag(value);
    coded.flush();
    return out.toByteString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
