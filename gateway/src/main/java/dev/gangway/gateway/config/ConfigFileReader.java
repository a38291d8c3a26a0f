package dev.gangway.gateway.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a YAML config file into a Jackson tree (not into records, so that problems can name the
 * exact key path).
 *
 * <p>Thread-safe: the mapper is configured once and only read from. Duplicate keys are an error;
 * {@code yes}/{@code no}/{@code on}/{@code off} stay strings (YAML 1.1 would make them booleans,
 * and a backend named {@code on} would silently become {@code true}); a key without a value
 * ({@code server:}) is null, so it means "defaults", while a quoted {@code ""} stays a string.
 */
final class ConfigFileReader {
  private static final YAMLMapper MAPPER = new YAMLMapper(YAMLFactory.builder()
      .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
      .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build());

  private ConfigFileReader() {}

  /** The document's root node; {@link MissingNode} for an empty file. */
  static JsonNode read(Path file) throws ConfigException {
    try {
      JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
      return root == null ? MissingNode.getInstance() : root;
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + ": invalid YAML" + where(e.getLocation()) + ": "
          + describe(e));
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new ConfigException(file + ": permission denied");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getMessage());
    }
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** SnakeYAML's problem in one line, with what it was parsing when it found it. */
  private static String describe(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException) {
      MarkedYAMLException marked = (MarkedYAMLException) e.getCause();
      String problem = oneLine(marked.getProblem());
      String context = marked.getContext();
      if (context == null || marked.getContextMark() == null) {
        return problem;
      }
      return problem + " (" + oneLine(context) + " that starts at line "
          + (marked.getContextMark().getLine() + 1) + ")";
    }
    return oneLine(e.getOriginalMessage());
  }

  private static String oneLine(String message) {
    return message == null ? "cannot be parsed" : message.strip().replaceAll("\\s+", " ");
  }
}
