package dev.gangway.gateway.admin;

import dev.gangway.gateway.reflection.ReflectedDescriptors;
import dev.gangway.gateway.reflection.ReflectionClient;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.transcoder.evolution.BreakingChange;
import dev.gangway.transcoder.evolution.DescriptorDrift;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code reflection} section of {@code /admin/status}, and the body of
 * {@code /admin/drift}: per backend with {@code reflection} enabled, how its last fetch went,
 * what it served, and how the dropped-in files differ from it in the serving snapshot.
 *
 * <p>Immutable. Times are ISO-8601 strings (UTC).
 */
final class ReflectionView {
  private ReflectionView() {}

  /** One entry per reflecting backend that was fetched, by name. */
  static List<BackendJson> of(ReflectedDescriptors reflection, RuntimeSnapshot snapshot) {
    Map<String, DescriptorDrift> drift = reflection.drift(snapshot.generation());
    List<BackendJson> backends = new ArrayList<>();
    reflection.current().forEach((name, source) -> {
      DescriptorDrift d = drift.getOrDefault(name, new DescriptorDrift(List.of(), List.of()));
      ReflectionClient.Fetched fetched = source.fetched().orElse(null);
      backends.add(new BackendJson(
          name,
          source.at().toString(),
          source.error().orElse(null),
          fetched == null ? null : fetched.protocol(),
          fetched == null ? List.of() : fetched.services(),
          fetched == null ? 0 : fetched.files().size(),
          fetched == null ? List.of() : fetched.problems(),
          new DriftJson(d.differences().stream().map(BreakingChange::toString).toList(),
              d.undeclared())));
    });
    return backends;
  }

  /**
   * The body of {@code /admin/drift}.
   *
   * @param generation the serving snapshot the drift was found for
   * @param backends one entry per reflecting backend
   */
  record DriftBody(long generation, List<BackendJson> backends) {}

  /**
   * One reflecting backend.
   *
   * @param backend its name
   * @param checkedAt when its last fetch ended
   * @param error why the last fetch failed (what it served before is still used), or null
   * @param protocol the reflection service that answered the last successful fetch, or null
   *     when none succeeded
   * @param services the services it served then
   * @param files how many descriptor files it sent then
   * @param problems symbols or files it could not give then
   * @param drift how the dropped-in files differ from what it serves
   */
  record BackendJson(String backend, String checkedAt, String error, String protocol,
      List<String> services, int files, List<String> problems, DriftJson drift) {}

  /**
   * The drift of one backend, for the services its patterns give it.
   *
   * @param differences what the backend lacks or changes against the files, one line each,
   *     read "files -> backend" ({@code field number changed: pkg.Msg.f (7 -> 1)})
   * @param undeclared methods it serves that the dropped-in files do not declare
   */
  record DriftJson(List<String> differences, List<String> undeclared) {}
}
