package dev.gangway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetsTest {

  @ParameterizedTest
  @ValueSource(strings = {"localhost:50051", "localhost", "10.0.0.1:1", "[::1]:50051",
      "dns:///library:50051", "dns://8.8.8.8/library:50051", "unix:///tmp/grpc.sock",
      "unix:relative.sock", "static:///a:1", "static:///10.0.0.1:50051,10.0.0.2:50052",
      "static:///[::1]:1,b:65535"})
  void acceptsGrpcTargets(String target) {
    assertThat(Targets.problem(target)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                       | must not be empty",
      "'  '                     | must not be empty",
      "local host:1             | \"local host:1\" must not contain spaces",
      "localhost:               | \"localhost:\" is not host:port",
      "localhost:0              | \"localhost:0\" is not host:port",
      "localhost:65536          | \"localhost:65536\" is not host:port",
      ":50051                   | \":50051\" is not host:port",
      "::1:50051                | \"::1:50051\" is not host:port",
      "static:a:1               | \"static:a:1\" is not static:///host:port,host:port,...",
      "static:///               | \"static:///\" lists no addresses",
      "static:///a:1,           | \"static:///a:1,\" lists \"\", which is not host:port",
      "static:///a              | \"static:///a\" lists \"a\", which is not host:port",
      "static:///a:x            | \"static:///a:x\" lists \"a:x\", which is not host:port",
      "http://library:50051     | \"http://library:50051\" has scheme \"http\", which is not a gRPC"
          + " target scheme (use host:port, dns:///host:port, unix:/path or"
          + " static:///host:port,host:port)",
      "xds:///library           | \"xds:///library\" has scheme \"xds\", which is not a gRPC target"
          + " scheme (use host:port, dns:///host:port, unix:/path or static:///host:port,host:port)",
  })
  void namesWhatIsWrong(String target, String problem) {
    assertThat(Targets.problem(target)).contains(problem);
  }
}
