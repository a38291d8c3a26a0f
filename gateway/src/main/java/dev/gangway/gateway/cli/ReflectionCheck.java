package dev.gangway.gateway.cli;

import dev.gangway.gateway.backend.ChannelRegistry;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.reflection.ReflectedDescriptors;
import dev.gangway.gateway.reflection.ReflectionMerge;
import dev.gangway.gateway.reload.DefaultSnapshotFactory;
import dev.gangway.transcoder.descriptor.LoadedDescriptors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code gangway validate --reflect}: fetches the descriptors of the backends whose reflection is
 * enabled, as the gateway does at start, merges them with the dropped-in files the same way
 * ({@link ReflectionMerge}), and lists the backends that could not be fetched and the drift.
 *
 * <p>Immutable result; {@link #run} opens channels to the backends and closes them before it
 * returns.
 *
 * @param loaded the descriptors to validate: the files, plus the backends' with {@code --reflect}
 * @param failures one line per reflecting backend whose fetch failed
 * @param drift one line per difference: {@code backend "echo": field number changed: ...}
 */
record ReflectionCheck(LoadedDescriptors loaded, List<String> failures, List<String> drift) {
  ReflectionCheck {
    failures = List.copyOf(failures);
    drift = List.copyOf(drift);
  }

  /** Without {@code --reflect}: the dropped-in files alone, no connection. */
  static ReflectionCheck without(GatewayConfig config) {
    return new ReflectionCheck(
        DefaultSnapshotFactory.loadDescriptors(config.descriptors()), List.of(), List.of());
  }

  /** Fetches, merges and compares; waits at most the largest reflection timeout and 2s. */
  static ReflectionCheck run(GatewayConfig config) {
    try (ChannelRegistry channels = new ChannelRegistry();
        ReflectedDescriptors reflection = new ReflectedDescriptors(channels, () -> {})) {
      reflection.fetchNow(config.backends());
      Map<String, ReflectedDescriptors.Source> fetched = reflection.current();
      ReflectionMerge merged = ReflectionMerge.load(config, fetched);
      List<String> failures = new ArrayList<>();
      for (var backend : ReflectedDescriptors.reflecting(config.backends())) {
        ReflectedDescriptors.Source source = fetched.get(backend.name());
        if (source == null) {
          failures.add("backend \"" + backend.name() + "\": no answer within "
              + backend.reflection().timeout().toSeconds() + "s");
        } else {
          source.error().ifPresent(why ->
              failures.add("backend \"" + backend.name() + "\": " + why));
        }
      }
      List<String> drift = new ArrayList<>();
      merged.drift().forEach((backend, d) -> {
        d.differences().forEach(c -> drift.add("backend \"" + backend + "\": " + c));
        d.undeclared().forEach(m -> drift.add("backend \"" + backend + "\": serves " + m
            + ", which the dropped-in files do not declare"));
      });
      return new ReflectionCheck(merged.loaded(), failures, drift);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching by reflection", e);
    }
  }
}
