package dev.gangway.transcoder.descriptor;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.GenericDescriptor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Collects the comments of one load into a {@link ProtoComments}: takes each file's
 * {@link FileComments} in load order (the first copy of a file wins, as for definitions) and, once
 * the files are linked, resolves every path to its descriptor.
 *
 * <p>Not thread-safe; confine to the loader. The files' comments are read and deflated where the
 * files are parsed ({@link CommentReader}, on any thread); only their order is fixed here, so the
 * result does not depend on which thread finished first.
 */
final class CommentCollector {
  private final Set<String> seen = new HashSet<>();
  private final List<FileComments> files = new ArrayList<>();
  private int textCount;

  /** Keeps {@code comments} unless a copy of its file came first. */
  void add(FileComments comments) {
    if (seen.add(comments.file())) {
      files.add(comments);
      textCount += comments.texts();
    }
  }

  /**
   * The comments of the files that linked: each kept path resolved to its element in
   * {@code linked} (a name to its linked or built-in file, or null for one that failed).
   */
  ProtoComments build(Function<String, FileDescriptor> linked) {
    if (files.isEmpty()) {
      return ProtoComments.NONE;
    }
    IdentityIndex index = new IdentityIndex(textCount);
    byte[][] chunks = new byte[files.size()][];
    int[] inflatedLengths = new int[files.size()];
    int[] firstText = new int[files.size()];
    int text = 0;
    int filesWithComments = 0;
    for (int chunk = 0; chunk < files.size(); chunk++) {
      FileComments file = files.get(chunk);
      chunks[chunk] = file.deflated();
      inflatedLengths[chunk] = file.inflatedLength();
      firstText[chunk] = text;
      FileDescriptor descriptor = linked.apply(file.file());
      boolean any = false;
      int[] p = file.paths();
      for (int i = 0, t = text; descriptor != null && i < p.length; i += 1 + p[i], t++) {
        GenericDescriptor element = ElementPath.resolve(descriptor, p, i + 1, p[i]);
        if (element != null) {
          any |= index.putIfAbsent(element, t);
        }
      }
      text += file.texts();
      filesWithComments += any ? 1 : 0;
    }
    return new ProtoComments(chunks, inflatedLengths, firstText, index, filesWithComments);
  }
}
