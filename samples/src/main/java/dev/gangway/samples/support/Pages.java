package dev.gangway.samples.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Cursor pagination with opaque page tokens (AIP-158). A token carries the key of the last item
 * returned, so inserts and deletes between pages neither repeat nor skip the other items, and a
 * fingerprint of the other list parameters, so a token used with a different filter is rejected.
 *
 * <p>Stateless and thread-safe.
 */
public final class Pages {

  /** The page size when a request says 0. */
  public static final int DEFAULT_PAGE_SIZE = 10;
  /** Larger requested sizes are lowered to this. */
  public static final int MAX_PAGE_SIZE = 100;

  private static final String VERSION = "v1";

  private Pages() {}

  /** One page of items and the token of the next one (empty on the last page). */
  public record Page<T>(List<T> items, String nextPageToken) {
    public Page {
      items = List.copyOf(items);
      Objects.requireNonNull(nextPageToken, "nextPageToken");
    }
  }

  /**
   * The page of {@code items} after the token's cursor.
   *
   * @param items ordered by {@code key}, ascending, keys unique
   * @param requestedSize the request's page_size (0: default; above the maximum: the maximum)
   * @param pageToken the request's page_token; empty for the first page
   * @param query the request's other list parameters (e.g. the filter), which must not change
   *     between pages
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT for a negative size or a bad token
   */
  public static <T> Page<T> page(
      List<T> items, Function<T, String> key, int requestedSize, String pageToken, String query) {
    int size = pageSize(requestedSize);
    String after = pageToken.isEmpty() ? null : cursor(pageToken, query);
    List<T> page = new ArrayList<>(Math.min(size, items.size()));
    boolean more = false;
    for (T item : items) {
      if (after != null && key.apply(item).compareTo(after) <= 0) {
        continue;
      }
      if (page.size() == size) {
        more = true;
        break;
      }
      page.add(item);
    }
    String next = more ? token(key.apply(page.get(page.size() - 1)), query) : "";
    return new Page<>(page, next);
  }

  /** The effective page size: 0 means the default, sizes above the maximum are capped. */
  public static int pageSize(int requested) {
    if (requested < 0) {
      throw Errors.invalidArgument("page_size", "must not be negative, got " + requested);
    }
    if (requested == 0) {
      return DEFAULT_PAGE_SIZE;
    }
    return Math.min(requested, MAX_PAGE_SIZE);
  }

  static String token(String lastKey, String query) {
    String raw = VERSION + ":" + fingerprint(query) + ":" + lastKey;
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String cursor(String pageToken, String query) {
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw Errors.invalidArgument("page_token", "not a page token from this service");
    }
    int first = raw.indexOf(':');
    int second = first < 0 ? -1 : raw.indexOf(':', first + 1);
    if (second < 0 || !raw.substring(0, first).equals(VERSION)) {
      throw Errors.invalidArgument("page_token", "not a page token from this service");
    }
    if (!raw.substring(first + 1, second).equals(fingerprint(query))) {
      throw Errors.invalidArgument(
          "page_token", "belongs to a different query; keep the other parameters unchanged");
    }
    return raw.substring(second + 1);
  }

  /** Tells queries apart; String.hashCode is specified, so tokens survive a restart. */
  private static String fingerprint(String query) {
    return Integer.toHexString(query.hashCode());
  }
}
