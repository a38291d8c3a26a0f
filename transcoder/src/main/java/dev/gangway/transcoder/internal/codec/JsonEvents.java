package dev.gangway.transcoder.internal.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A {@link JsonSink} that hands every name and value to a Jackson generator: for callers that
 * want events rather than text (a token buffer read back as a tree, without JSON text between).
 * Strings arrive as {@code String}s and bytes as base64 text, since a token buffer would keep raw
 * bytes as a binary object.
 *
 * <p>Not thread-safe; one per call.
 */
final class JsonEvents implements JsonSink {
  private final JsonGenerator g;

  JsonEvents(JsonGenerator g) {
    this.g = g;
  }

  @Override
  public void startObject() throws IOException {
    g.writeStartObject();
  }

  @Override
  public void endObject() throws IOException {
    g.writeEndObject();
  }

  @Override
  public void startArray() throws IOException {
    g.writeStartArray();
  }

  @Override
  public void endArray() throws IOException {
    g.writeEndArray();
  }

  @Override
  public void name(FieldSchema f) throws IOException {
    g.writeFieldName(f.outputName);
  }

  @Override
  public void name(String name) throws IOException {
    g.writeFieldName(name);
  }

  @Override
  public void nameUtf8(byte[] utf8, int off, int len) throws IOException {
    g.writeFieldName(new String(utf8, off, len, StandardCharsets.UTF_8));
  }

  @Override
  public void nameNumber(long value, boolean unsigned) throws IOException {
    g.writeFieldName(unsigned ? Long.toUnsignedString(value) : Long.toString(value));
  }

  @Override
  public void string(String text) throws IOException {
    g.writeString(text);
  }

  @Override
  public void stringUtf8(byte[] utf8, int off, int len) throws IOException {
    g.writeString(new String(utf8, off, len, StandardCharsets.UTF_8));
  }

  @Override
  public void quotedNumber(long value, boolean unsigned) throws IOException {
    g.writeString(unsigned ? Long.toUnsignedString(value) : Long.toString(value));
  }

  @Override
  public void number(int value) throws IOException {
    g.writeNumber(value);
  }

  @Override
  public void number(long value) throws IOException {
    g.writeNumber(value);
  }

  @Override
  public void number(double value) throws IOException {
    g.writeNumber(value);
  }

  @Override
  public void number(float value) throws IOException {
    g.writeNumber(value);
  }

  @Override
  public void bool(boolean value) throws IOException {
    g.writeBoolean(value);
  }

  @Override
  public void nul() throws IOException {
    g.writeNull();
  }

  @Override
  public void base64(byte[] bytes, int off, int len) throws IOException {
    g.writeString(Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, off, off + len)));
  }
}
