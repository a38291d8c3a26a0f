package dev.gangway.gateway.access;

import dev.gangway.gateway.auth.Identity;
import dev.gangway.gateway.ratelimit.RateDecision;
import io.grpc.Metadata;
import io.undertow.util.AttachmentKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What the access stage decided for a request it let through: the verified identity (empty on a
 * public route), the metadata names it travels under, and the rate decision (whose stream slots
 * are given back when the stream ends).
 *
 * <p>Immutable.
 */
public record AccessOutcome(
    Optional<Identity> identity, IdentityMetadata names, RateDecision.Allowed rate) {
  /** Set by {@link AccessRoutePolicy} on every request it lets through. */
  public static final AttachmentKey<AccessOutcome> KEY = AttachmentKey.create(AccessOutcome.class);

  public AccessOutcome {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(rate, "rate");
  }

  /** Strips client copies of the identity names from {@code metadata} and adds the identity. */
  public void applyTo(Metadata metadata) {
    names.apply(metadata, identity);
  }
}
