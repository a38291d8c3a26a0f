package dev.gangway.transcoder.internal.binding;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DynamicMessage;
import dev.gangway.transcoder.options.TranscoderOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One plan serves many requests at once. */
class BindingPlanConcurrencyTest {

  @Test
  void onePlanBindsConcurrentRequestsIndependently() throws Exception {
    BindingPlan plan = BindingFixtures.plan("gangway.test.library.v1.Library.UpdateBook",
        "PATCH /v1/{book.name=shelves/*/books/*}", "book", TranscoderOptions.DEFAULT);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            String id = Thread.currentThread().getId() + "-" + i;
            DynamicMessage m = DynamicMessage.parseFrom(plan.inputType(),
                plan.bind(List.of("v1", "shelves", "s", "books", id),
                    "update_mask=title", "application/json",
                    ("{\"title\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8)));
            String json = com.google.protobuf.util.JsonFormat.printer().print(m);
            if (!json.contains("\"name\": \"shelves/s/books/" + id + "\"")
                || !json.contains("\"title\": \"" + id + "\"")) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
