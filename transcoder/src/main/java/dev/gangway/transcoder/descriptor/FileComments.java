package dev.gangway.transcoder.descriptor;

/**
 * The comments of one file as read from its source info, before the file is linked: the path of
 * each commented element and its texts, deflated.
 *
 * <p>Immutable once made; the arrays are not copied (made by {@link CommentReader}, read by
 * {@link CommentCollector}, both within one load).
 *
 * @param file the file's name
 * @param paths per element: its path's length, then the path (field numbers and indexes)
 * @param deflated the texts in element order, each after its length as a varint, deflated raw
 * @param inflatedLength the length of {@code deflated} inflated
 * @param texts how many texts (elements) there are
 */
record FileComments(String file, int[] paths, byte[] deflated, int inflatedLength, int texts) {}
