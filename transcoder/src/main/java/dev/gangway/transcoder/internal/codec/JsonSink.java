package dev.gangway.transcoder.internal.codec;

import java.io.IOException;

/**
 * Where {@link WireToJson} prints: compact JSON text written as bytes ({@link JsonText}, for
 * bodies), or events handed to a Jackson generator ({@link JsonEvents}, e.g. a token buffer that
 * becomes a tree for composition). Names and values come in document order; the sink places the
 * commas and colons.
 *
 * <p>Not thread-safe; one per call.
 */
sealed interface JsonSink permits JsonText, JsonEvents {

  void startObject() throws IOException;

  void endObject() throws IOException;

  void startArray() throws IOException;

  void endArray() throws IOException;

  /** The member name of {@code f} (its JSON or proto name, as the codec prints). */
  void name(FieldSchema f) throws IOException;

  void name(String name) throws IOException;

  /** A member name given as valid UTF-8 (a map's string key). */
  void nameUtf8(byte[] utf8, int off, int len) throws IOException;

  /** A member name that is a decimal integer (a map's integer key); unsigned: 64 bits unsigned. */
  void nameNumber(long value, boolean unsigned) throws IOException;

  void string(String text) throws IOException;

  /** A string value given as valid UTF-8. */
  void stringUtf8(byte[] utf8, int off, int len) throws IOException;

  /** A 64-bit integer as proto3 JSON writes it: a quoted decimal; unsigned: 64 bits unsigned. */
  void quotedNumber(long value, boolean unsigned) throws IOException;

  void number(int value) throws IOException;

  void number(long value) throws IOException;

  /** A finite double, as {@link Double#toString(double)} writes it. */
  void number(double value) throws IOException;

  /** A finite float, as {@link Float#toString(float)} writes it. */
  void number(float value) throws IOException;

  void bool(boolean value) throws IOException;

  void nul() throws IOException;

  /** Bytes as a standard base64 string with padding. */
  void base64(byte[] bytes, int off, int len) throws IOException;
}
