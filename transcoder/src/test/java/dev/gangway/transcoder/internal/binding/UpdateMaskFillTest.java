package dev.gangway.transcoder.internal.binding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.test.openapi.UpdateNoteRequest;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.TranscoderRequest;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import dev.gangway.transcoder.options.TranscoderOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A PATCH without update_mask gets the mask of its body's keys (grpc-gateway's patch feature). */
class UpdateMaskFillTest {
  private static final Path NOTES = Path.of("target/test-descriptors-openapi/openapi.binpb");
  private static final String PATH = "/v1/folders/f/notes/n";

  private static UpdateNoteRequest patch(TranscoderOptions options, String query, String body)
      throws Exception {
    Transcoder t = Transcoder.build(
        DescriptorLoader.load(List.of(DescriptorSource.path(NOTES))), options);
    byte[] bytes = t.transcode(new TranscoderRequest("PATCH", PATH, query, "application/json",
        body.getBytes(StandardCharsets.UTF_8))).message();
    return UpdateNoteRequest.parseFrom(bytes);
  }

  private static UpdateNoteRequest patch(String body) throws Exception {
    return patch(TranscoderOptions.DEFAULT, "", body);
  }

  @Test
  void topLevelKeysBecomePathsInProtoNames() throws Exception {
    UpdateNoteRequest request = patch("{\"title\":\"t\",\"oldName\":\"o\",\"readTime\":\"1s\"}");

    assertThat(request.getUpdateMask().getPathsList())
        .containsExactly("title", "legacy_name", "read_time");
    assertThat(request.getNote().getName()).isEqualTo("folders/f/notes/n");
  }

  @Test
  void nestedMessagesAddTheirKeysAndOtherValuesAreOnePath() throws Exception {
    UpdateNoteRequest request = patch("{\"parentNote\":{\"title\":\"p\",\"tags\":[\"a\"]},"
        + "\"place\":{\"city\":\"Oslo\"},\"counters\":{\"k\":1},\"extra\":{\"x\":1},"
        + "\"tags\":[],\"subtitle\":null}");

    assertThat(request.getUpdateMask().getPathsList()).containsExactly(
        "parent_note.title", "parent_note.tags", "place.city", "counters", "extra", "tags",
        "subtitle");
  }

  @Test
  void aMaskInTheQueryIsKept() throws Exception {
    UpdateNoteRequest request =
        patch(TranscoderOptions.DEFAULT, "update_mask=body", "{\"title\":\"t\"}");

    assertThat(request.getUpdateMask().getPathsList()).containsExactly("body");
  }

  @Test
  void noBodyNoMaskAndTheOptionTurnsItOff() throws Exception {
    assertThat(patch("").hasUpdateMask()).isFalse();
    assertThat(patch(TranscoderOptions.builder().fillUpdateMask(false).build(), "",
        "{\"title\":\"t\"}").hasUpdateMask()).isFalse();
  }
}
