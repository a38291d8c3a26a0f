package dev.gangway.samples.bookstore;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.FieldMask;
import dev.gangway.samples.support.Errors;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies an {@code UpdateBook} request to a stored book, field by field as the update mask says
 * (AIP-134). Stateless and thread-safe.
 *
 * <ul>
 *   <li>A mask path names a field to take from the request, even when the request leaves it at
 *       its default: that is how a field is cleared (e.g. {@code read} back to false).
 *   <li>{@code *} means every mutable field.
 *   <li>An empty mask means every mutable field the request sets to a non-default value (proto3
 *       scalars have no presence, so a default value cannot be told from an absent one).
 *   <li>{@code name} and the output-only fields are ignored; any other path is INVALID_ARGUMENT.
 * </ul>
 */
final class BookUpdate {

  /** The fields a client may change, in proto order. */
  static final List<String> MUTABLE = List.of("title", "author", "publication_year", "read");

  private static final List<FieldDescriptor> MUTABLE_FIELDS = MUTABLE.stream()
      .map(name -> Book.getDescriptor().findFieldByName(name))
      .toList();

  private static final Set<String> IGNORED =
      Set.of("name", "state", "create_time", "update_time", "archive_time");

  private BookUpdate() {}

  /** The mutable fields the request changes. */
  static Set<String> paths(Book patch, FieldMask mask) {
    Set<String> paths = new LinkedHashSet<>();
    if (mask.getPathsCount() == 0) {
      for (FieldDescriptor field : MUTABLE_FIELDS) {
        // Without presence, hasField means "not the default value".
        if (patch.hasField(field)) {
          paths.add(field.getName());
        }
      }
      return paths;
    }
    for (String path : mask.getPathsList()) {
      if (path.equals("*")) {
        paths.addAll(MUTABLE);
      } else if (MUTABLE.contains(path)) {
        paths.add(path);
      } else if (!IGNORED.contains(path)) {
        throw Errors.invalidArgument("update_mask",
            "unknown path \"" + path + "\"; use title, author, publication_year, read or *");
      }
    }
    return paths;
  }

  /** {@code current} with the given fields copied from {@code patch}; the title stays required. */
  static Book apply(Book current, Book patch, Set<String> paths) {
    Book.Builder updated = current.toBuilder();
    for (String path : paths) {
      switch (path) {
        case "title" -> updated.setTitle(patch.getTitle());
        case "author" -> updated.setAuthor(patch.getAuthor());
        case "publication_year" -> updated.setPublicationYear(patch.getPublicationYear());
        case "read" -> updated.setRead(patch.getRead());
        default -> throw new AssertionError("not a mutable field: " + path);
      }
    }
    if (updated.getTitle().isEmpty()) {
      throw Errors.invalidArgument("book.title", "must not be empty");
    }
    return updated.build();
  }
}
