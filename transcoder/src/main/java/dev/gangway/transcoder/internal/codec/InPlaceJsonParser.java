package dev.gangway.transcoder.internal.codec;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;

/**
 * Jackson's UTF-8 parser over one byte array, which also lets the codec take a plain string
 * token (see {@link PlainJsonString}) as the bytes between its quotes and step past it. Such
 * a string's UTF-8 is its wire encoding already, so Jackson need neither decode it into
 * characters (only for them to be encoded back) nor skip it in a second scan.
 *
 * <p>Jackson reads a string token lazily: after {@code nextToken()} returns
 * {@link JsonToken#VALUE_STRING} its content is not read yet, and the input position is just past
 * the opening quote. {@link #plainStringStart} is where the caller reads that content in place;
 * {@link #skipPlainString} moves past it as Jackson's own skipping would, so what follows parses
 * as before. Every other token goes through Jackson unchanged.
 *
 * <p>Sound only over valid UTF-8 (which {@link CompiledCodec} checks first): then the bytes
 * between the quotes are the string's UTF-8 and hold no surrogate. Not thread-safe; one per call,
 * made by {@link InPlaceJsonFactory}.
 */
final class InPlaceJsonParser extends UTF8StreamJsonParser {
  InPlaceJsonParser(
      IOContext ctxt,
      int features,
      ObjectCodec codec,
      ByteQuadsCanonicalizer symbols,
      byte[] input,
      int start,
      int end,
      int bytesBeforeStart) {
    super(ctxt, features, null, codec, symbols, input, start, end, bytesBeforeStart, false);
  }

  /** The input array: the plain string's bytes are {@code [plainStringStart(), end)} in it. */
  byte[] input() {
    return _inputBuffer;
  }

  /** Where the current string token's content starts; valid while it is not read yet. */
  int plainStringStart() {
    return _inputPtr;
  }

  /** Whether the current token is a string whose content is not read yet (still in place). */
  boolean atUnreadString() {
    return _tokenIncomplete && _currToken == JsonToken.VALUE_STRING;
  }

  /** Where the input ends: no string content lies at or beyond it. */
  int inputEnd() {
    return _inputEnd;
  }

  /**
   * Steps past the current string token, whose closing quote the caller found at {@code end}
   * (with {@link PlainJsonString}). Its content is not read afterwards: the caller has taken
   * what it needs.
   */
  void skipPlainString(int end) {
    _inputPtr = end + 1;
    _tokenIncomplete = false;
  }
}
