package dev.gangway.gateway.reload;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.gangway.gateway.config.ConfigSource;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.DescriptorSnapshotFactory;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestDescriptorSets;
import dev.gangway.transcoder.TranscodedRequest;
import dev.gangway.transcoder.TranscoderRequest;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.render.RenderedBody;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests keep succeeding while descriptor sets are rewritten and reloaded again and again:
 * each request reads the holder once and finishes on that snapshot, as the HTTP handlers do.
 */
class ReloadUnderLoadTest {
  private static final int RELOADS = 15;
  private static final int CLIENTS = 3;

  @TempDir Path dir;

  @Test
  void noRequestFailsWhileDescriptorsAreReloadedRepeatedly() throws Exception {
    Path file = dir.resolve("shelves.binpb");
    Files.write(file, TestDescriptorSets.shelves("test.v0", "v1"));
    GatewayConfig config = TestConfigs.reloading(List.of(file), true, Duration.ofMillis(100));
    DescriptorSnapshotFactory factory = new DescriptorSnapshotFactory();
    SnapshotHolder holder = new SnapshotHolder(factory.build(config, 1));
    ReloadStatus status = new ReloadStatus();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong requests = new AtomicLong();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      Thread client = new Thread(() -> {
        while (running.get()) {
          call(holder, failures);
          requests.incrementAndGet();
        }
      });
      client.start();
      clients.add(client);
    }
    ConfigSource source = new ConfigSource() {
      @Override
      public GatewayConfig load() {
        return config;
      }

      @Override
      public Optional<Path> file() {
        return Optional.empty();
      }
    };
    try (Reloader reloader = new Reloader(source, factory, holder, status,
        ReloaderOptions.builder().debounce(Duration.ofMillis(50)).build()).start()) {
      for (int i = 1; i <= RELOADS; i++) {
        // Plain writes: a reload may see a half-written file and must reject it, not serve it.
        Files.write(file, TestDescriptorSets.shelves("test.v" + i, "v1"));
        long generation = i + 1;
        Await.until("generation " + generation,
            () -> holder.current().generation() == generation, status::view);
      }
    } finally {
      running.set(false);
      for (Thread client : clients) {
        client.join();
      }
    }

    assertThat(failures).isEmpty();
    assertThat(requests.get()).isGreaterThan(0);
    assertThat(holder.current().transcoder().routes().get(0).grpcMethodName())
        .startsWith("test.v" + RELOADS + ".Shelves/");
  }

  /** One request on one snapshot: match, bind a body, render a response. */
  private static void call(SnapshotHolder holder, ConcurrentLinkedQueue<String> failures) {
    RuntimeSnapshot snapshot = holder.current();
    try {
      TranscodedRequest request = snapshot.transcoder().transcode(TranscoderRequest.of(
          "POST", "/v1/shelves", "application/json",
          "{\"name\":\"shelves/1\",\"theme\":\"poetry\"}".getBytes(StandardCharsets.UTF_8)));
      // Echo the bound shelf back as the response, as a backend would.
      Descriptor input = request.route().method().getInputType();
      Message shelf = (Message) DynamicMessage.parseFrom(input, request.message())
          .getField(input.findFieldByName("shelf"));
      RenderedBody body = snapshot.transcoder().render(request.route(), shelf.toByteArray());
      if (!new String(body.body(), StandardCharsets.UTF_8).contains("poetry")) {
        failures.add("generation " + snapshot.generation() + ": wrong body");
      }
    } catch (TranscodingException | InvalidProtocolBufferException | RuntimeException e) {
      failures.add("generation " + snapshot.generation() + ": " + e);
    }
  }
}
