package dev.gangway.gateway.reload;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProblemLogTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger("problem-log-test");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final ProblemLog problems = new ProblemLog(logger);

  ProblemLogTest() {
    lines.start();
    logger.addAppender(lines);
  }

  private List<String> logged() {
    List<String> out = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    lines.list.clear();
    return out;
  }

  @Test
  void problemsUnchangedSinceThePreviousSnapshotAreCountedNotRepeated() {
    problems.report(1, List.of("a: no backend", "b: no backend"));
    assertThat(logged()).containsExactly("a: no backend", "b: no backend");

    problems.report(2, List.of("a: no backend", "b: no backend", "c: no backend"));

    assertThat(logged()).containsExactly("c: no backend", "snapshot 2: 2 problem(s) unchanged"
        + " since the previous snapshot (not repeated; all on /admin/status)");
  }

  @Test
  void manyNewProblemsAreCappedWithACount() {
    List<String> many = IntStream.range(0, ProblemLog.MAX_LINES + 5)
        .mapToObj(i -> "s" + i + ": no backend").toList();

    problems.report(1, many);

    List<String> out = logged();
    assertThat(out).hasSize(ProblemLog.MAX_LINES + 1);
    assertThat(out.get(ProblemLog.MAX_LINES))
        .isEqualTo("snapshot 1: and 5 more new problem(s) (all on /admin/status)");
  }
}
