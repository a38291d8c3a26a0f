package dev.gangway.transcoder.internal.binding;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes client bytes as UTF-8, refusing malformed input instead of replacing it with U+FFFD
 * (which {@code new String(bytes, UTF_8)} would do silently).
 *
 * <p>Stateless and thread-safe: each call uses a fresh decoder.
 */
final class StrictUtf8 {
  private StrictUtf8() {}

  /**
   * The text of {@code bytes[0, length)}.
   *
   * @throws CharacterCodingException if the bytes are not valid UTF-8; callers name the input
   */
  static String decode(byte[] bytes, int length) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes, 0, length))
        .toString();
  }
}
