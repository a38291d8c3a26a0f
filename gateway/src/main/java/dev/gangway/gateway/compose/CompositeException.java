package dev.gangway.gateway.compose;

/**
 * A composite that cannot be compiled; the message names the composite and, where there is one,
 * the call: {@code composite "product_page", call "price": unknown method pkg.Pricing.GetPrice}.
 */
public final class CompositeException extends Exception {
  private static final long serialVersionUID = 1L;

  public CompositeException(String message) {
    super(message, null, false, false);
  }
}
