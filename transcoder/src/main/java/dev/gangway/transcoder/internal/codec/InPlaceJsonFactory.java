package dev.gangway.transcoder.internal.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import java.io.IOException;

/**
 * The codec's Jackson factory: parsers over a byte array are {@link InPlaceJsonParser}s, made
 * directly rather than through Jackson's encoding detection. JSON exchanged between systems is
 * UTF-8 (RFC 8259, section 8.1), and the codec checks that before it reads, so detecting UTF-16
 * or UTF-32 only let such a body reach a reader that assumes UTF-8; a leading UTF-8 byte order
 * mark is still skipped, as the RFC allows and Jackson did. Everything else (generators, parsers
 * over other sources) is Jackson's.
 *
 * <p>Immutable and thread-safe once built, as Jackson's factory is.
 */
final class InPlaceJsonFactory extends JsonFactory {
  private static final long serialVersionUID = 1L;

  InPlaceJsonFactory(JsonFactoryBuilder builder) {
    super(builder);
  }

  /** A parser over {@code data[offset, offset+len)}, which must be valid UTF-8. */
  InPlaceJsonParser parser(byte[] data, int offset, int len) {
    IOContext ctxt = _createContext(_createContentReference(data, offset, len), true);
    return newParser(data, offset, len, ctxt);
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt)
      throws IOException {
    return newParser(data, offset, len, ctxt);
  }

  private InPlaceJsonParser newParser(byte[] data, int offset, int len, IOContext ctxt) {
    ctxt.setEncoding(JsonEncoding.UTF8);
    int bom = len >= 3 && data[offset] == (byte) 0xEF && data[offset + 1] == (byte) 0xBB
        && data[offset + 2] == (byte) 0xBF ? 3 : 0;
    return new InPlaceJsonParser(ctxt, _parserFeatures, _objectCodec,
        _byteSymbolCanonicalizer.makeChild(_factoryFeatures),
        data, offset + bom, offset + len, bom);
  }
}
