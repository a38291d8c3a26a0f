package dev.gangway.gateway.auth;

import dev.gangway.gateway.config.AuthConfig.ApiKeyProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * API keys from a header or a query parameter, looked up by their SHA-256: the config holds only
 * hashes, so neither the file nor a heap dump gives a key away.
 *
 * <p>Immutable and thread-safe; a reload builds a new one, which is how keys rotate.
 */
public final class ApiKeyAuthenticator implements Authenticator {
  private static final HexFormat HEX = HexFormat.of();

  private final ApiKeyProvider config;

  ApiKeyAuthenticator(ApiKeyProvider config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The lower-case hex SHA-256 of a key's UTF-8 bytes, as {@code keys[].sha256} holds it. */
  public static String hash(String key) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256")
          .digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public String kind() {
    return config.kind();
  }

  @Override
  public Authentication authenticate(Credentials credentials) {
    Optional<String> key = config.header().flatMap(credentials::header);
    if (key.isEmpty()) {
      key = config.query().flatMap(credentials::query);
    }
    if (key.isEmpty() || key.get().isEmpty()) {
      return new Authentication.Absent(where());
    }
    String consumer = config.keys().get(hash(key.get().trim()));
    if (consumer == null) {
      return new Authentication.Rejected("unknown API key");
    }
    return new Authentication.Verified(
        new Identity(config.name(), consumer, consumer, List.of(), Map.of()));
  }

  private String where() {
    StringBuilder hint = new StringBuilder("send an API key in ");
    config.header().ifPresent(h -> hint.append("header ").append(h));
    config.query().ifPresent(q -> hint.append(config.header().isPresent() ? " or " : "")
        .append("query parameter ").append(q));
    return hint.toString();
  }
}
