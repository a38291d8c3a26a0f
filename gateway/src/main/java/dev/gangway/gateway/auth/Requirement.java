package dev.gangway.gateway.auth;

import dev.gangway.gateway.auth.Failure.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A compiled requirement: a tree of any-of / all-of over provider checks, each node evaluating
 * itself against a request's {@link RequestAuth} and printing itself for {@code /admin/routes}.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Requirement {
  Requirement PUBLIC = new Public();

  Verdict evaluate(RequestAuth auth);

  /** The requirement as config would spell it, e.g. {@code any_of(jwt corp [scopes: read], api_key partners)}. */
  void format(StringBuilder out);

  /** Adds the kinds of the providers this requirement names (for the 401 challenge). */
  void providerKinds(java.util.Set<String> out);

  default String formatted() {
    StringBuilder out = new StringBuilder();
    format(out);
    return out.toString();
  }

  /** Anyone; no identity is verified. */
  record Public() implements Requirement {
    @Override
    public Verdict evaluate(RequestAuth auth) {
      return new Verdict.Met(Optional.empty());
    }

    @Override
    public void format(StringBuilder out) {
      out.append("public");
    }

    @Override
    public void providerKinds(java.util.Set<String> out) {}
  }

  /** Authenticated by one provider, with scopes and claim values. */
  record Check(Authenticator provider, List<String> scopes, Map<String, String> claims)
      implements Requirement {
    public Check {
      Objects.requireNonNull(provider, "provider");
      scopes = List.copyOf(scopes);
      claims = Map.copyOf(claims);
    }

    @Override
    public Verdict evaluate(RequestAuth auth) {
      String who = "provider " + provider.name();
      Authentication result = auth.of(provider);
      if (result instanceof Authentication.Pending pending) {
        return new Verdict.Wait(pending.ready());
      }
      if (result instanceof Authentication.Absent absent) {
        return new Verdict.Missed(
            Failure.unauthenticated(who + ": no credentials (" + absent.hint() + ")",
                Optional.empty()));
      }
      if (result instanceof Authentication.Rejected rejected) {
        return new Verdict.Missed(Failure.unauthenticated(who + ": " + rejected.reason(),
            provider.bearer() ? Optional.of("invalid_token") : Optional.empty()));
      }
      Identity identity = ((Authentication.Verified) result).identity();
      for (String scope : scopes) {
        if (!identity.scopes().contains(scope)) {
          return new Verdict.Missed(
              Failure.forbidden(who + ": missing scope " + scope, Optional.of(scope)));
        }
      }
      for (Map.Entry<String, String> claim : claims.entrySet()) {
        String value = identity.claims().get(claim.getKey());
        if (value == null || !(value.equals(claim.getValue())
            || List.of(value.split(" ")).contains(claim.getValue()))) {
          return new Verdict.Missed(Failure.forbidden(who + ": claim " + claim.getKey()
              + " must be " + claim.getValue(), Optional.empty()));
        }
      }
      return new Verdict.Met(Optional.of(identity));
    }

    @Override
    public void format(StringBuilder out) {
      out.append(provider.kind()).append(' ').append(provider.name());
      if (!scopes.isEmpty()) {
        out.append(" [scopes: ").append(String.join(" ", scopes)).append(']');
      }
      if (!claims.isEmpty()) {
        out.append(" [claims: ");
        new java.util.TreeMap<>(claims).forEach((k, v) -> out.append(k).append('=').append(v)
            .append(' '));
        out.setLength(out.length() - 1);
        out.append(']');
      }
    }

    @Override
    public void providerKinds(java.util.Set<String> out) {
      out.add(provider.kind());
    }
  }

  /**
   * At least one option: the first met gives the identity. When none is met, a 403 from an
   * option whose credentials were good beats the 401s (the caller is known, just not allowed).
   */
  record AnyOf(List<Requirement> options) implements Requirement {
    public AnyOf {
      options = List.copyOf(options);
    }

    @Override
    public Verdict evaluate(RequestAuth auth) {
      List<Failure> failures = new ArrayList<>();
      for (Requirement option : options) {
        Verdict verdict = option.evaluate(auth);
        if (!(verdict instanceof Verdict.Missed missed)) {
          return verdict;
        }
        failures.add(missed.failure());
      }
      for (Failure failure : failures) {
        if (failure.kind() == Kind.FORBIDDEN) {
          return new Verdict.Missed(failure);
        }
      }
      StringBuilder message = new StringBuilder("none of the accepted credentials: ");
      Optional<String> bearerError = Optional.empty();
      for (Failure failure : failures) {
        message.append(failure.message()).append("; ");
        bearerError = bearerError.or(failure::bearerError);
      }
      message.setLength(message.length() - 2);
      return new Verdict.Missed(Failure.unauthenticated(message.toString(), bearerError));
    }

    @Override
    public void format(StringBuilder out) {
      list("any_of", options, out);
    }

    @Override
    public void providerKinds(java.util.Set<String> out) {
      options.forEach(o -> o.providerKinds(out));
    }
  }

  /** Every one holds; the first gives the identity. */
  record AllOf(List<Requirement> all) implements Requirement {
    public AllOf {
      all = List.copyOf(all);
    }

    @Override
    public Verdict evaluate(RequestAuth auth) {
      Optional<Identity> identity = Optional.empty();
      for (Requirement one : all) {
        Verdict verdict = one.evaluate(auth);
        if (!(verdict instanceof Verdict.Met met)) {
          return verdict;
        }
        identity = identity.or(met::identity);
      }
      return new Verdict.Met(identity);
    }

    @Override
    public void format(StringBuilder out) {
      list("all_of", all, out);
    }

    @Override
    public void providerKinds(java.util.Set<String> out) {
      all.forEach(o -> o.providerKinds(out));
    }
  }

  private static void list(String name, List<Requirement> items, StringBuilder out) {
    out.append(name).append('(');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      items.get(i).format(out);
    }
    out.append(')');
  }
}
