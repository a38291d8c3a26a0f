package dev.gangway.gateway.reload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A content hash of files and directories, compared by the reloader's poll because file events
 * get lost on some file systems (network mounts, some overlay and bind mounts).
 *
 * <p>Stateless and thread-safe. Hashes names and contents, not modification times: a {@code touch}
 * does not reload, and a rewrite within the file system's timestamp granularity is still seen.
 * The cost is one read of the watched files per poll, small for descriptor sets and configs.
 */
final class Fingerprint {
  /** The extensions the descriptor loader reads from a directory (its SourceReader's list). */
  private static final List<String> DESCRIPTOR_EXTENSIONS =
      List.of(".pb", ".binpb", ".desc", ".protoset");

  private static final byte[] SEPARATOR = {0};

  private Fingerprint() {}

  /**
   * The hash of each path in order: a file's content; a directory's descriptor set files
   * (names and contents, in name order); or the fact that the path is missing or unreadable.
   */
  static String of(List<Path> paths) {
    MessageDigest digest = sha256();
    for (Path path : paths) {
      update(digest, path.toString());
      try {
        if (Files.isDirectory(path)) {
          directory(digest, path);
        } else if (Files.exists(path)) {
          file(digest, path);
        } else {
          update(digest, "missing");
        }
      } catch (IOException | RuntimeException e) {
        // Unreadable now: a later successful read differs from this, so it is seen as a change.
        update(digest, "unreadable " + e.getClass().getName());
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void directory(MessageDigest digest, Path dir) throws IOException {
    List<Path> entries;
    try (Stream<Path> listing = Files.list(dir)) {
      entries = listing.filter(Fingerprint::isDescriptorSet).sorted().toList();
    }
    for (Path entry : entries) {
      update(digest, entry.getFileName().toString());
      if (Files.isRegularFile(entry)) {
        file(digest, entry);
      }
    }
  }

  private static void file(MessageDigest digest, Path file) throws IOException {
    byte[] buffer = new byte[8192];
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
        size += n;
      }
    }
    update(digest, Long.toString(size));
  }

  private static boolean isDescriptorSet(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    for (String extension : DESCRIPTOR_EXTENSIONS) {
      if (name.endsWith(extension)) {
        return true;
      }
    }
    return false;
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update(SEPARATOR);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
