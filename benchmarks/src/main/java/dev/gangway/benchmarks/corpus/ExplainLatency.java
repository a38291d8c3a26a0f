package dev.gangway.benchmarks.corpus;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code /admin/explain} end to end, from a client that costs next to nothing: one kept-alive
 * HTTP/1.1 connection over a plain socket ({@code TCP_NODELAY}), requests one after another,
 * each timed from writing the request to reading the last byte of the answer. {@code /healthz}
 * on the same connection, interleaved call by call, is the baseline: what any admin answer costs
 * (HTTP parsing, the dispatch to a worker thread, writing), so the difference is explain's own.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.gangway.benchmarks.corpus.ExplainLatency \
 *     127.0.0.1:9090 /v1/projects/p1/locations/l1/datasets/d1 2000
 * </pre>
 */
public final class ExplainLatency {
  private ExplainLatency() {}

  public static void main(String[] args) throws Exception {
    String[] hostPort = args[0].split(":");
    String path = args.length > 1 ? args[1] : "/v1/projects/p1/locations/l1/datasets/d1";
    int calls = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    String explain = "/admin/explain?method=GET&path="
        + URLEncoder.encode(path, StandardCharsets.UTF_8);
    try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      byte[] explainRequest = request(explain, hostPort[0]);
      byte[] healthRequest = request("/healthz", hostPort[0]);
      int bodyBytes = 0;
      for (int i = 0; i < calls / 4; i++) { // warm-up: the JIT, the connection
        bodyBytes = call(out, in, explainRequest);
        call(out, in, healthRequest);
      }
      long[] explainNs = new long[calls];
      long[] healthNs = new long[calls];
      for (int i = 0; i < calls; i++) {
        long start = System.nanoTime();
        call(out, in, explainRequest);
        explainNs[i] = System.nanoTime() - start;
        start = System.nanoTime();
        call(out, in, healthRequest);
        healthNs[i] = System.nanoTime() - start;
      }
      report("explain", explainNs, bodyBytes);
      report("healthz", healthNs, -1);
    }
  }

  private static byte[] request(String target, String host) {
    return ("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Sends one request, reads its answer (Content-Length or chunked), returns the body's size. */
  private static int call(OutputStream out, InputStream in, byte[] request) throws IOException {
    out.write(request);
    out.flush();
    String status = line(in);
    if (!status.startsWith("HTTP/1.1 200")) {
      throw new IOException("answer: " + status);
    }
    int length = -1;
    boolean chunked = false;
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    if (!chunked) {
      in.readNBytes(length);
      return length;
    }
    int total = 0;
    for (int size = Integer.parseInt(line(in).trim(), 16); size > 0;
        size = Integer.parseInt(line(in).trim(), 16)) {
      in.readNBytes(size);
      line(in);
      total += size;
    }
    line(in);
    return total;
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  private static void report(String name, long[] ns, int bodyBytes) {
    long[] sorted = ns.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%s: %d calls, median %.3f ms, p90 %.3f ms, p99 %.3f ms, max"
            + " %.3f ms%s%n", name, sorted.length, sorted[sorted.length / 2] / 1e6,
        sorted[sorted.length * 9 / 10] / 1e6, sorted[sorted.length * 99 / 100] / 1e6,
        sorted[sorted.length - 1] / 1e6, bodyBytes >= 0 ? ", body " + bodyBytes + " bytes" : "");
  }
}
