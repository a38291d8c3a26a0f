package dev.gangway.transcoder.internal.codec;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.TypeRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compiled schemas of one snapshot, and its type registry for {@code Any}.
 *
 * <p>Thread-safe. The method types are compiled when the snapshot is built ({@link #schema} on
 * each); a lookup is then one lock-free map read. Types first met inside an {@code Any} are
 * compiled on first use under a lock and published whole, never half-linked.
 */
public final class CodecSchemas {
  private final TypeRegistry registry;
  private final boolean protoNames;
  private final Map<Descriptor, MessageSchema> schemas = new ConcurrentHashMap<>();

  public CodecSchemas(TypeRegistry registry, boolean protoNames) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.protoNames = protoNames;
  }

  /** The schema of {@code type}, compiled (with what it reaches) on first use. */
  public MessageSchema schema(Descriptor type) {
    MessageSchema s = schemas.get(type);
    return s != null ? s : compile(type);
  }

  private synchronized MessageSchema compile(Descriptor type) {
    MessageSchema s = schemas.get(type);
    if (s != null) {
      return s;
    }
    Map<Descriptor, MessageSchema> fresh = new SchemaCompiler(protoNames, schemas).compile(type);
    schemas.putAll(fresh);
    return fresh.get(type);
  }

  /**
   * The schema for an {@code Any} type URL ({@code type.googleapis.com/pkg.Msg}: the part after
   * the last {@code /}), or null when the snapshot has no such type.
   */
  MessageSchema forTypeUrl(String typeUrl) {
    int slash = typeUrl.lastIndexOf('/');
    if (slash < 0) {
      return null;
    }
    Descriptor type = registry.find(typeUrl.substring(slash + 1));
    return type == null ? null : schema(type);
  }
}
