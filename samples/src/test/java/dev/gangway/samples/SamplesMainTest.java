package dev.gangway.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SamplesMainTest {

  @Test
  void printsOneLinePerServer() throws Exception {
    SampleServers servers = SamplesMain.parse(new String[] {
        "--bookstore=0", "--catalog=0", "--pricing=0", "--reviews=0", "--diagnostics=0",
        "--live=0", "--instance=main"});
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    try (RunningSamples running = servers.start()) {
      SamplesMain.print(running, new PrintStream(out, true, StandardCharsets.UTF_8));

      assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
          "bookstore listening on 127.0.0.1:" + running.port(SampleBackend.BOOKSTORE),
          "catalog listening on 127.0.0.1:" + running.port(SampleBackend.CATALOG),
          "pricing listening on 127.0.0.1:" + running.port(SampleBackend.PRICING),
          "reviews listening on 127.0.0.1:" + running.port(SampleBackend.REVIEWS),
          "diagnostics listening on 127.0.0.1:" + running.port(SampleBackend.DIAGNOSTICS),
          "live listening on 127.0.0.1:" + running.port(SampleBackend.LIVE));
      assertThat(running.instanceName()).isEqualTo("main");
    }
  }

  @Test
  void demoPortsAreFixed() {
    assertThat(SampleBackend.values()).extracting(SampleBackend::demoPort)
        .containsExactly(50051, 50052, 50053, 50054, 50055, 50056);
  }

  @Test
  void rejectsAnUnknownOption() {
    assertThatThrownBy(() -> SamplesMain.parse(new String[] {"--shop=1"}))
        .hasMessage("unknown option --shop");
  }

  @Test
  void rejectsAPortThatIsNoNumber() {
    assertThatThrownBy(() -> SamplesMain.parse(new String[] {"--catalog=abc"}))
        .hasMessage("--catalog: \"abc\" is not a port");
  }

  @Test
  void rejectsAPositionalArgument() {
    assertThatThrownBy(() -> SamplesMain.parse(new String[] {"50051"}))
        .hasMessage("unexpected argument \"50051\"");
  }
}
