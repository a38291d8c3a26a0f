package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestEchoService;
import dev.gangway.gateway.testing.TestServers;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Backend targets in each grpc-java form the configuration documents. */
class GatewayTargetsIT {
  @RegisterExtension final TestServers servers = new TestServers();

  private String echoVia(String target) throws Exception {
    GatewayServer gateway = servers.gateway(
        TestConfigs.config(TestConfigs.backend("echo", target, ECHO_SERVICE)));
    HttpResponse<String> response = new Http(gateway.httpPort()).get("/v1/echo/via");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response.body()).get("text").asText();
  }

  @Test
  void hostPortTarget() throws Exception {
    EchoBackend echo = servers.backend("echo");

    assertThat(echoVia(echo.target())).isEqualTo("via");
  }

  @Test
  void dnsTarget() throws Exception {
    EchoBackend echo = servers.backend("echo");

    assertThat(echoVia("dns:///localhost:" + echo.port())).isEqualTo("via");
  }

  @Test
  void staticTargetWithOneAddress() throws Exception {
    EchoBackend echo = servers.backend("echo");

    assertThat(echoVia("static:///" + echo.target())).isEqualTo("via");
  }

  @Test
  void unixDomainSocketTarget(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Epoll.isAvailable(), "unix sockets need netty's epoll transport");
    Path socket = dir.resolve("echo.sock");
    EventLoopGroup group = new EpollEventLoopGroup(1);
    servers.own(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS));
    Server server = NettyServerBuilder
        .forAddress(new DomainSocketAddress(socket.toString()), InsecureServerCredentials.create())
        .channelType(EpollServerDomainSocketChannel.class)
        .bossEventLoopGroup(group)
        .workerEventLoopGroup(group)
        .addService(new TestEchoService("uds"))
        .build()
        .start();
    servers.own(() -> server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));

    assertThat(echoVia("unix://" + socket)).isEqualTo("via");
  }
}
