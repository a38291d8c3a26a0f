package dev.gangway.gateway.access;

import dev.gangway.gateway.auth.Identity;
import dev.gangway.gateway.config.AuthConfig.IdentityConfig;
import io.grpc.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The metadata a verified identity travels under to backends: {@code identity.consumer},
 * {@code identity.subject}, {@code identity.provider} and the configured claims. Values a client
 * sent under any of these names are removed first, identity or not, so a backend can trust them.
 *
 * <p>Immutable and thread-safe; built once per snapshot.
 */
public final class IdentityMetadata {
  private final Metadata.Key<String> consumer;
  private final Metadata.Key<String> subject;
  private final Metadata.Key<String> provider;
  /** Claim name -> key. */
  private final Map<String, Metadata.Key<String>> claims;
  private final List<Metadata.Key<String>> all;
  private final Set<String> names;

  IdentityMetadata(IdentityConfig config) {
    consumer = key(config.consumer());
    subject = key(config.subject());
    provider = key(config.provider());
    claims = config.claims().entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> key(e.getValue())));
    List<Metadata.Key<String>> keys = new ArrayList<>(List.of(consumer, subject, provider));
    keys.addAll(claims.values());
    all = List.copyOf(keys);
    names = all.stream().map(Metadata.Key::name).collect(Collectors.toUnmodifiableSet());
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  /** The metadata names the gateway owns; clients' values under them never reach a backend. */
  public Set<String> names() {
    return names;
  }

  /** Strips client copies from {@code metadata}, then adds the identity's values. */
  public void apply(Metadata metadata, Optional<Identity> identity) {
    for (Metadata.Key<String> key : all) {
      metadata.removeAll(key);
    }
    if (identity.isEmpty()) {
      return;
    }
    Identity id = identity.get();
    put(metadata, consumer, id.consumer());
    put(metadata, subject, id.subject());
    put(metadata, provider, id.provider());
    claims.forEach((claim, key) -> {
      String value = id.claims().get(claim);
      if (value != null) {
        put(metadata, key, value);
      }
    });
  }

  /** gRPC text metadata is printable ASCII; anything else is left out rather than mangled. */
  private static void put(Metadata metadata, Metadata.Key<String> key, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return;
      }
    }
    metadata.put(key, value);
  }
}
