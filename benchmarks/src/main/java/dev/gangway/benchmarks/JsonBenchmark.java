package dev.gangway.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import dev.gangway.test.kitchen.Color;
import dev.gangway.test.kitchen.Everything;
import dev.gangway.test.kitchen.Nested;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.TranscodedRequest;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.TranscoderRequest;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.render.RenderedBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An ~8 KB message both ways: request JSON -> protobuf bytes (POST body "*") and response bytes ->
 * JSON, through the transcoder's compiled codec. Baselines in the same run: protobuf-java-util's
 * JsonFormat on the generated class, which knows the type at compile time (the transcoder works
 * from descriptors only), and JsonFormat over DynamicMessage, which is what the transcoder did
 * before the compiled codec ("before").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonBenchmark {

  private Transcoder transcoder;
  private TranscoderRequest request;
  private MethodRoute route;
  private byte[] messageBytes;
  private String json;
  private byte[] jsonBytes;
  private final JsonFactory jackson = new JsonFactory();
  private Everything message;
  private final JsonFormat.Parser parser = JsonFormat.parser();
  private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();
  private Descriptor type;

  @Setup
  public void setUp() throws Exception {
    message = eightKilobyteMessage();
    json = printer.print(message);
    messageBytes = message.toByteArray();
    jsonBytes = json.getBytes(StandardCharsets.UTF_8);
    if (json.length() < 7 * 1024 || json.length() > 9 * 1024) {
      throw new IllegalStateException("payload is " + json.length() + " bytes, not ~8 KB");
    }
    transcoder = BenchDescriptors.testProtos();
    request = TranscoderRequest.of(
        "POST", "/v1/echo", "application/json", json.getBytes(StandardCharsets.UTF_8));
    route = transcoder.transcode(request).route();
    type = route.method().getInputType();
    if (!Everything.parseFrom(transcoder.transcode(request).message()).equals(message)) {
      throw new IllegalStateException("JSON -> bytes does not round-trip");
    }
  }

  static Everything eightKilobyteMessage() {
    Everything.Builder b = Everything.newBuilder()
        .setStringValue("the quick brown fox jumps over the lazy dog")
        .setInt64Value(1234567890123L)
        .setDoubleValue(3.14159)
        .setBoolValue(true)
        .setEnumValue(Color.GREEN)
        .setTimestamp(com.google.protobuf.Timestamp.newBuilder().setSeconds(1700000000).setNanos(5000));
    for (int i = 0; i < 86; i++) {
      b.addRepeatedNested(Nested.newBuilder()
          .setLabel("item-" + i + "-label")
          .setCount(i)
          .addNotes("note " + i));
      b.addRepeatedInt64(1000000000000L + i);
      b.putStringMap("key" + i, "value " + i);
    }
    return b.build();
  }

  @Benchmark
  public TranscodedRequest jsonToBytes() throws TranscodingException {
    return transcoder.transcode(request);
  }

  /**
   * The floor for any reader built on Jackson's streaming parser: every token of the same body
   * read, every string's characters and every number's value taken, nothing written.
   */
  @Benchmark
  public long floorJacksonTokensOnly() throws IOException {
    long sum = 0;
    try (JsonParser p = jackson.createParser(jsonBytes)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        switch (t) {
          case FIELD_NAME -> sum += p.currentName().length();
          case VALUE_STRING -> sum += p.getTextCharacters()[p.getTextOffset()] + p.getTextLength();
          case VALUE_NUMBER_INT -> sum += p.getLongValue();
          case VALUE_NUMBER_FLOAT -> sum += (long) p.getDoubleValue();
          default -> sum++;
        }
      }
    }
    return sum;
  }

  @Benchmark
  public byte[] baselineJsonFormatParseGenerated() throws Exception {
    Everything.Builder b = Everything.newBuilder();
    parser.merge(json, b);
    return b.build().toByteArray();
  }

  /** Before the compiled codec: JsonFormat's parser into a DynamicMessage, then serialized. */
  @Benchmark
  public byte[] beforeJsonFormatParseDynamic() throws Exception {
    DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
    parser.merge(json, b);
    return b.build().toByteArray();
  }

  @Benchmark
  public RenderedBody bytesToJson() throws TranscodingException {
    return transcoder.render(route, messageBytes);
  }

  @Benchmark
  public byte[] baselineJsonFormatPrintGenerated() throws Exception {
    return printer.print(Everything.parseFrom(messageBytes)).getBytes(StandardCharsets.UTF_8);
  }

  /** Before the compiled codec: the bytes parsed into a DynamicMessage, printed by JsonFormat. */
  @Benchmark
  public byte[] beforeJsonFormatPrintDynamic() throws Exception {
    return printer.print(DynamicMessage.parseFrom(type, messageBytes))
        .getBytes(StandardCharsets.UTF_8);
  }
}
