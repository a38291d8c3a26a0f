package dev.gangway.gateway.cli;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.SelectorTable;
import dev.gangway.transcoder.Transcoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code gangway validate} checks beyond loading, so that it agrees with a start: service
 * patterns that match no loaded service (every route of the service meant would answer 503), and
 * listener addresses that cannot be bound now. Target schemes and TLS files are checked when the
 * config loads, for validate and start alike.
 *
 * <p>Stateless.
 */
final class StartChecks {
  /** How many loaded services a pattern problem names. */
  private static final int SERVICES_SHOWN = 5;

  private StartChecks() {}

  /** A problem per backend service pattern that matches none of the loaded services. */
  static List<String> unmatchedPatterns(GatewayConfig config, Transcoder transcoder) {
    List<String> services = transcoder.descriptors().services().stream()
        .map(ServiceDescriptor::getFullName).sorted().toList();
    List<String> problems = new ArrayList<>();
    for (BackendConfig backend : config.backends()) {
      for (String pattern : backend.services()) {
        if (services.stream().noneMatch(s -> SelectorTable.covers(pattern, s))) {
          problems.add("backend " + backend.name() + ": service pattern " + pattern
              + " matches no loaded service (loaded: " + shown(services) + ")");
        }
      }
    }
    return problems;
  }

  private static String shown(List<String> services) {
    if (services.isEmpty()) {
      return "none";
    }
    String shown = services.stream().limit(SERVICES_SHOWN).collect(Collectors.joining(", "));
    int more = services.size() - SERVICES_SHOWN;
    return more > 0 ? shown + " and " + more + " more" : shown;
  }

  /**
   * A problem per listener ({@code server}, and {@code admin} when enabled) whose address cannot
   * be bound now: the port is taken (by a running gateway, say), needs privileges, or the bind
   * address is not this machine's. Port 0 always binds and is not tried.
   */
  static List<String> unbindablePorts(GatewayConfig config) {
    List<String> problems = new ArrayList<>();
    tryBind("server", config.server().bind(), config.server().port(), problems);
    if (config.admin().enabled()) {
      tryBind("admin", config.admin().bind(), config.admin().port(), problems);
    }
    return problems;
  }

  private static void tryBind(String section, String bind, int port, List<String> problems) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(bind, port));
    } catch (IOException | SecurityException | IllegalArgumentException e) {
      problems.add(section + ".port: cannot listen on " + bind + ":" + port + " now: "
          + Main.describe(e));
    }
  }
}
