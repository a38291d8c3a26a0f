package dev.gangway.gateway.reload;

/** A snapshot that must not be served; the message says why, naming the file or key. */
public final class SnapshotException extends Exception {
  private static final long serialVersionUID = 1L;

  public SnapshotException(String message) {
    super(message, null, false, false);
  }
}
