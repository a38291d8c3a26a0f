package dev.gangway.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One client, one page: a 3-call composite route (one HTTP round trip, three parallel gRPC calls
 * inside) against the same three calls made by the client one after another. Prints the median
 * and p99 page time of each and their ratio. Needs the demo running (gangway-demo.jar).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.gangway.benchmarks.load.CompositeVsSequential \
 *     http://127.0.0.1:8080 3000</pre>
 */
public final class CompositeVsSequential {
  private CompositeVsSequential() {}

  public static void main(String[] args) throws Exception {
    String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
    int pages = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    List<URI> sequential = List.of(
        URI.create(base + "/v1/products/p-100"),
        URI.create(base + "/v1/prices/p-100"),
        URI.create(base + "/v1/products/p-100/reviews"));
    List<URI> composite = List.of(URI.create(base + "/v1/product-summaries/p-100"));
    long[] one = new long[pages];
    long[] three = new long[pages];
    measure(http, composite, sequential, new long[pages / 3], new long[pages / 3]); // warm-up
    // Interleaved page by page, so both see the same machine load.
    measure(http, composite, sequential, one, three);
    System.out.printf("composite (1 request, 3 parallel calls): p50 %.3f ms, p99 %.3f ms%n",
        one[pages / 2] / 1e6, one[(int) (pages * 0.99)] / 1e6);
    System.out.printf("sequential (3 requests):                  p50 %.3f ms, p99 %.3f ms%n",
        three[pages / 2] / 1e6, three[(int) (pages * 0.99)] / 1e6);
    System.out.printf("composite / sequential at p50: %.2f%n",
        (double) one[pages / 2] / three[pages / 2]);
  }

  /** Fills both arrays with page times in nanoseconds, alternating the two pages; sorts them. */
  private static void measure(HttpClient http, List<URI> first, List<URI> second, long[] firstTimes,
      long[] secondTimes) throws Exception {
    for (int i = 0; i < firstTimes.length; i++) {
      firstTimes[i] = page(http, first);
      secondTimes[i] = page(http, second);
    }
    Arrays.sort(firstTimes);
    Arrays.sort(secondTimes);
  }

  /** The time to fetch every URI of a page in order; every response must be 200. */
  private static long page(HttpClient http, List<URI> page) throws Exception {
    long start = System.nanoTime();
    for (URI uri : page) {
      HttpResponse<byte[]> response = http.send(
          HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(uri + " answered " + response.statusCode());
      }
    }
    return System.nanoTime() - start;
  }
}
