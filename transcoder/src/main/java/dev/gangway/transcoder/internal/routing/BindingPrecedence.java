package dev.gangway.transcoder.internal.routing;

import dev.gangway.transcoder.routing.HttpBinding;
import java.util.Comparator;

/**
 * The order in which {@link HttpBinding}s win route conflicts, and their name in conflict reports.
 *
 * <p>Stateless and thread-safe. Pass both to {@link RouteTable#builder}.
 */
public final class BindingPrecedence {
  /**
   * How well the method can be served over plain HTTP first (unary, server streaming, client
   * streaming, then bidi streaming, which a plain request cannot call at all), then origin
   * (annotation, then additional binding, then auto-mapping), then declaration order: service full
   * name, the method's index in its service, the binding index. Depends only on the descriptors,
   * never on the order they were loaded in.
   *
   * <p>Servability comes before names because a name is arbitrary: in googleapis a bidi method
   * sorted before the unary methods it shares REST paths with, which then answered 501.
   */
  public static final Comparator<HttpBinding> ORDER =
      Comparator.comparing((HttpBinding b) -> CallShape.of(b.method()))
          .thenComparing(HttpBinding::origin)
          .thenComparing(b -> b.method().getService().getFullName())
          .thenComparingInt(b -> b.method().getIndex())
          .thenComparingInt(HttpBinding::index);

  private BindingPrecedence() {}

  /** {@code gangway.test.library.v1.Library.GetShelf (GET /v1/{name=shelves/*})}. */
  public static String describe(HttpBinding binding) {
    return binding.method().getFullName() + " (" + binding.describe() + ")";
  }
}
