package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.config.ServerConfig.StreamFormat;
import dev.gangway.gateway.testing.ChunkedResponse;
import dev.gangway.gateway.testing.CountStreams;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A backend streaming 200,000 messages to a client that reads slowly keeps the gateway's heap
 * bounded: flow control (the next message is requested only once the previous one is written)
 * holds the backend back instead of queueing messages in the gateway.
 *
 * <p>Backend, gateway and client share this JVM, so the heap measured is all three; the backend
 * honours flow control ({@link CountStreams} sends only while the call is ready) and the client
 * keeps nothing, so growth would come from the gateway queueing messages. Figures are printed.
 */
class GatewayStreamMemoryIT {
  private static final int TOTAL = 200_000;
  private static final int PAD = 64;
  /** Heap samples are taken each time the client has read this many more messages. */
  private static final int SAMPLE_EVERY = 40_000;
  /**
   * The allowed growth of the live heap. Per stream the gateway holds one rendered message (about
   * 100 bytes here) and a few small objects; socket, Undertow and Netty buffers are direct
   * memory, outside the heap. 4 MiB leaves room for the JVM's own noise (class loading, JIT
   * metadata, thread-local caches) while being far below what queueing would cost: the stream
   * is about 20 MB on the wire, and more as Java objects.
   */
  private static final long BOUND = 4L << 20;

  @RegisterExtension final TestServers servers = new TestServers();

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

  @Test
  void slowClientOfALongStreamKeepsTheHeapBounded() throws Exception {
    EchoBackend echo = servers.backend("echo");
    GatewayServer gateway = servers.gateway(TestConfigs.config(
        TestConfigs.server(StreamFormat.NDJSON),
        List.of(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)), List.of(),
        HeadersConfig.DEFAULT));
    CountStreams counts = echo.service().counts;
    // Warm up: load classes and fill pools along the whole path before the baseline.
    Http http = new Http(gateway.httpPort());
    assertThat(http.get("/v1/count/5000?pad=" + PAD).statusCode()).isEqualTo(200);

    long baseline = settledHeap();
    List<String> figures = new ArrayList<>();
    long maxGrowth = 0;
    int aheadAtFirstSample = -1;
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(16 << 10); // before connecting, so the window stays small
      socket.setSoTimeout(20_000);
      socket.connect(new InetSocketAddress("127.0.0.1", gateway.httpPort()));
      socket.getOutputStream().write(("GET /v1/count/" + TOTAL + "?tag=big&pad=" + PAD
          + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = new BufferedInputStream(new SlowInputStream(socket.getInputStream()), 4096);

      assertThat(ChunkedResponse.readHead(in)).isEqualTo(200);
      int read = 0;
      int nextSample = SAMPLE_EVERY;
      for (byte[] chunk = ChunkedResponse.readChunk(in); chunk != null && chunk.length > 0;
          chunk = ChunkedResponse.readChunk(in)) {
        read += newlines(chunk);
        if (read >= nextSample) {
          int sent = counts.sent("big");
          long growth = settledHeap() - baseline;
          maxGrowth = Math.max(maxGrowth, growth);
          figures.add(String.format("%d read, %d sent by the backend: heap %+d KiB",
              read, sent, growth >> 10));
          if (aheadAtFirstSample < 0) {
            aheadAtFirstSample = sent - read;
          }
          nextSample += SAMPLE_EVERY;
        }
      }

      assertThat(read).isEqualTo(TOTAL);
    }
    assertThat(counts.sent("big")).isEqualTo(TOTAL);
    System.out.printf("stream of %d messages, slow client: baseline %d KiB; %s; max growth %d KiB"
        + " (bound %d KiB)%n", TOTAL, baseline >> 10, String.join("; ", figures),
        maxGrowth >> 10, BOUND >> 10);
    // The client set the pace: when it had read the first sample's worth, the backend was held
    // back (far from done) rather than having sent everything into the gateway.
    assertThat(aheadAtFirstSample).isLessThan(TOTAL - SAMPLE_EVERY);
    assertThat(maxGrowth).isLessThan(BOUND);
  }

  /** The live heap after full collections, once two in a row agree within 256 KiB. */
  private long settledHeap() {
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long used = memory.getHeapMemoryUsage().getUsed();
      if (Math.abs(previous - used) < (256 << 10)) {
        return Math.min(previous, used);
      }
      previous = used;
    }
    return previous;
  }

  private static int newlines(byte[] chunk) {
    int n = 0;
    for (byte b : chunk) {
      if (b == '\n') {
        n++;
      }
    }
    return n;
  }

  /**
   * A reader that takes at most 4 KiB per read and pauses 2 ms after each: about 2 MB/s, slower
   * than the gateway writes, so the stream is paced by the client.
   */
  private static final class SlowInputStream extends FilterInputStream {
    SlowInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, Math.min(len, 4096));
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      return n;
    }
  }
}
