package dev.gangway.transcoder.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.TranscoderRequest;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.options.TranscoderOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzzes route matching and binding (path, query, JSON body) over the test descriptors' routes:
 * every request either transcodes or is a 4xx {@link TranscodingException}, never another
 * exception, a 5xx or a hang.
 */
class RequestFuzz {
  private static final Transcoder TRANSCODER = Transcoder.build(
      DescriptorLoader.load(List.of(
          DescriptorSource.path(Path.of("target/test-descriptors/test.binpb")))),
      TranscoderOptions.DEFAULT);
  private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "CUSTOM"};
  private static final String[] PREFIXES = {"/v1/echo", "/v1/", "/v1/shelves/", "/v1/kitchen/", ""};
  private static final String[] TYPES = {"application/json", "", "text/plain",
      "application/merge-patch+json", "application/json; charset=utf-8"};

  @FuzzTest(maxDuration = "5s")
  void transcodesOrAnswers4xx(FuzzedDataProvider data) {
    String method = data.pickValue(METHODS);
    String path = data.pickValue(PREFIXES) + data.consumeString(200);
    String query = data.consumeString(200);
    String contentType = data.pickValue(TYPES);
    byte[] body = data.consumeRemainingAsBytes();
    try {
      TRANSCODER.transcode(new TranscoderRequest(method, path, query, contentType, body));
    } catch (TranscodingException e) {
      assertThat(e.httpStatus()).as(e.getMessage()).isBetween(400, 499);
    }
  }
}
