package dev.gangway.transcoder.template;

/**
 * A path template that does not follow the grammar; the message reads
 * {@code template /v1/{name=**}/x: only the verb may follow '**' (index 12)}.
 */
public final class TemplateSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String template;
  private final int index;
  private final String reason;

  public TemplateSyntaxException(String template, int index, String reason) {
    super("template " + template + ": " + reason + " (index " + index + ")");
    this.template = template;
    this.index = index;
    this.reason = reason;
  }

  public String template() {
    return template;
  }

  public int index() {
    return index;
  }

  public String reason() {
    return reason;
  }
}
