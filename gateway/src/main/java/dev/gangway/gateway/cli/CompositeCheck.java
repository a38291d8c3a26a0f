package dev.gangway.gateway.cli;

import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.gangway.gateway.backend.BackendBindings;
import dev.gangway.gateway.backend.BackendSetupException;
import dev.gangway.gateway.backend.ChannelRegistry;
import dev.gangway.gateway.compose.CompositeCompiler;
import dev.gangway.gateway.compose.CompositeException;
import dev.gangway.gateway.compose.CompositePlan;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.transcoder.Transcoder;
import java.util.List;
import java.util.Optional;

/**
 * Compiles a configuration's composite routes as a start would, for {@code validate}: the plans,
 * or the problem that would stop start-up. Channels are made (gRPC channels connect lazily, so
 * nothing is dialled) and closed again.
 *
 * <p>Stateless; setup code.
 *
 * @param plans the compiled composites; empty when there is a problem
 * @param problem what stops them, naming the composite and call
 */
record CompositeCheck(List<CompositePlan> plans, Optional<String> problem) {
  CompositeCheck {
    plans = List.copyOf(plans);
  }

  static CompositeCheck of(GatewayConfig config, Transcoder transcoder) {
    if (config.composites().isEmpty()) {
      return new CompositeCheck(List.of(), Optional.empty());
    }
    try (ChannelRegistry channels = new ChannelRegistry()) {
      List<MethodDescriptor> called =
          CompositeCompiler.methods(config.composites(), transcoder.descriptors());
      BackendBindings bindings = BackendBindings.build(config, transcoder, channels, called);
      return new CompositeCheck(
          CompositeCompiler.compile(config.composites(), transcoder, bindings).plans(),
          Optional.empty());
    } catch (CompositeException | BackendSetupException e) {
      return new CompositeCheck(List.of(), Optional.of(e.getMessage()));
    }
  }
}
