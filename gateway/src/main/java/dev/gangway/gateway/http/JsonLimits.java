package dev.gangway.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.gangway.gateway.config.LimitsConfig;
import dev.gangway.transcoder.errors.TranscodingException;
import java.io.IOException;

/**
 * Checks the shape of a JSON request body before the transcoder parses it: nesting depth, string
 * and member-name length, number length (Jackson's {@link StreamReadConstraints}), entries per
 * object or array, and duplicate member names, which proto3 JSON leaves to the parser (last would
 * win). One streaming pass that allocates per token, not per document; a violation is a 400 naming
 * the limit's config key. Syntax errors are left to the transcoder, whose messages are the
 * documented ones.
 *
 * <p>Immutable and thread-safe (Jackson's factory is); one per {@link LimitsConfig}.
 */
final class JsonLimits {
  private final LimitsConfig limits;
  private final JsonFactory factory;

  JsonLimits(LimitsConfig limits) {
    this.limits = limits;
    this.factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxJsonDepth())
            .maxStringLength(limits.maxJsonStringBytes())
            .maxNameLength(limits.maxJsonStringBytes())
            .maxNumberLength(limits.maxJsonNumberLength())
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
  }

  LimitsConfig limits() {
    return limits;
  }

  /** Throws a 400 naming the first limit {@code body} goes past; returns when it stays inside. */
  void check(byte[] body) throws TranscodingException {
    int[] entries = new int[limits.maxJsonDepth() + 2];
    int depth = 0;
    try (JsonParser parser = factory.createParser(body)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token.isStructEnd()) {
          depth--;
          continue;
        }
        if (depth > 0 && token != JsonToken.FIELD_NAME && ++entries[depth] > limits.maxJsonEntries()) {
          throw TranscodingException.invalidArgument("body: a JSON object or array has more than "
              + limits.maxJsonEntries() + " entries (limits.max_json_entries)");
        }
        if (token.isStructStart()) {
          depth++;
          entries[depth] = 0;
        } else if (token == JsonToken.VALUE_STRING
            && parser.getTextLength() > limits.maxJsonStringBytes()) {
          // Jackson skips a string nobody reads without measuring it: read its length.
          throw TranscodingException.invalidArgument("body: " + constraint("String"));
        }
      }
    } catch (StreamConstraintsException e) {
      throw TranscodingException.invalidArgument("body: " + constraint(e.getMessage()));
    } catch (JsonParseException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
        throw TranscodingException.invalidArgument(
            "body: a JSON object names the same member twice");
      }
      // Not JSON: the transcoder's parser reports it with its documented message.
    } catch (IOException e) {
      // Reading a byte array does not fail otherwise; let the transcoder report the body.
    }
  }

  private String constraint(String jacksonMessage) {
    String text = jacksonMessage == null ? "" : jacksonMessage;
    if (text.contains("nesting depth")) {
      return "JSON nested deeper than " + limits.maxJsonDepth() + " (limits.max_json_depth)";
    }
    if (text.startsWith("Number")) {
      return "a JSON number is longer than " + limits.maxJsonNumberLength()
          + " characters (limits.max_json_number_length)";
    }
    return "a JSON string or member name is longer than " + limits.maxJsonStringBytes()
        + " characters (limits.max_json_string)";
  }
}
