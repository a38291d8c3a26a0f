package dev.gangway.samples.diagnostics;

import dev.gangway.samples.support.Errors;

/**
 * The items of ListItems and GetItem: item {@code n} has the id {@code item-n}; there is no
 * stored state, every index exists.
 *
 * <p>Stateless and thread-safe.
 */
final class Items {

  /** The most items one ListItems call returns. */
  static final int MAX_COUNT = 1_000;

  private static final String PREFIX = "item-";

  private Items() {}

  static Item item(int index, String instance) {
    return Item.newBuilder().setIndex(index).setId(PREFIX + index).setInstance(instance).build();
  }

  /** The first {@code count} items. */
  static ListItemsResponse list(int count, String instance) {
    Errors.checkRange("count", count, MAX_COUNT);
    ListItemsResponse.Builder response = ListItemsResponse.newBuilder();
    for (int index = 0; index < count; index++) {
      response.addItems(item(index, instance));
    }
    return response.build();
  }

  /**
   * The index an id names.
   *
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT unless the id is {@code item-}
   *     followed by a non-negative int in decimal without leading zeros
   */
  static int index(String id) {
    String digits = id.startsWith(PREFIX) ? id.substring(PREFIX.length()) : "";
    boolean canonical = !digits.isEmpty()
        && digits.chars().allMatch(c -> c >= '0' && c <= '9')
        && (digits.length() == 1 || digits.charAt(0) != '0');
    if (canonical) {
      try {
        return Integer.parseInt(digits);
      } catch (NumberFormatException e) {
        // Too large for an int: reported below.
      }
    }
    throw Errors.invalidArgument(
        "id", "must be item-<index> with an index from 0 to " + Integer.MAX_VALUE
            + ", got \"" + id + "\"");
  }
}
