package dev.gangway.benchmarks;

import dev.gangway.test.kitchen.Everything;
import dev.gangway.test.kitchen.Nested;
import dev.gangway.transcoder.TranscodedRequest;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.TranscoderRequest;
import dev.gangway.transcoder.errors.TranscodingException;
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
 * Binding a small GET (3 path variables, 3 query parameters) end to end: match, decode, parse,
 * build, serialize. Baseline: the same message built by hand with the generated builder and
 * serialized (the floor for any transcoder that produces these bytes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BindingBenchmark {

  static final String SMALL_GET =
      "/v1/echo3/hello/42/label?int32_value=5&enum_value=RED&repeated_string=x%20y";

  private Transcoder transcoder;
  private TranscoderRequest request;

  @Setup
  public void setUp() throws TranscodingException {
    transcoder = BenchDescriptors.testProtos();
    request = TranscoderRequest.of("GET", SMALL_GET);
    byte[] bound = transcoder.transcode(request).message();
    if (!java.util.Arrays.equals(bound, baselineGeneratedBuilder())) {
      throw new IllegalStateException("transcoder and baseline disagree");
    }
  }

  @Benchmark
  public TranscodedRequest transcodeSmallGet() throws TranscodingException {
    return transcoder.transcode(request);
  }

  @Benchmark
  public byte[] baselineGeneratedBuilder() {
    return Everything.newBuilder()
        .setStringValue("hello")
        .setInt64Value(Long.parseLong("42"))
        .setNested(Nested.newBuilder().setLabel("label"))
        .setInt32Value(Integer.parseInt("5"))
        .setEnumValue(dev.gangway.test.kitchen.Color.valueOf("RED"))
        .addRepeatedString("x y")
        .build()
        .toByteArray();
  }
}
