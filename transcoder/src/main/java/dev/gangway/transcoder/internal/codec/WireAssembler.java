package dev.gangway.transcoder.internal.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Assembles a request message from wire pieces: the body's bytes first, then one field value per
 * query parameter and path variable, each written as the chain of nested messages down to its
 * field. Protobuf merges concatenated messages (the last value of a singular field wins, nested
 * messages merge, repeated fields append, the last oneof member wins), so appending a path value
 * after the body is exactly "the path wins over the body", with no message object built.
 *
 * <p>Not thread-safe: one per request.
 *
 * <pre>{@code
 * WireAssembler wire = new WireAssembler(bodyWire);
 * wire.set(List.of(bookField, nameField), "shelves/1/books/2");
 * byte[] request = wire.toByteArray();
 * }</pre>
 */
public final class WireAssembler {
  private final WireWriter out;

  /** Starts from {@code wire}, the body's bytes (empty when there is no body). */
  public WireAssembler(byte[] wire) {
    this.out = new WireWriter(wire.length + 64);
    out.writeRaw(wire, 0, wire.length);
  }

  /**
   * Writes {@code value} into the field at the end of {@code chain}, through the message fields
   * before it.
   *
   * @param value as {@code Message.Builder.setField} would take it for a scalar or enum (Integer,
   *     Long, Float, Double, Boolean, String, ByteString, EnumValueDescriptor), or a
   *     {@link WireMessage} for a message field
   */
  public void set(List<FieldDescriptor> chain, Object value) {
    int last = chain.size() - 1;
    for (int i = 0; i < last; i++) {
      out.writeTag(chain.get(i).getNumber() << 3 | 2);
      out.beginLengthDelimited();
    }
    writeField(out, chain.get(last), value);
    for (int i = 0; i < last; i++) {
      out.endLengthDelimited();
    }
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }

  /** The wire bytes of a message of which only {@code field} is set, to {@code value}. */
  public static WireMessage single(FieldDescriptor field, Object value) {
    WireWriter w = new WireWriter(16);
    writeField(w, field, value);
    return new WireMessage(w.toByteArray());
  }

  /** The wire bytes of a Timestamp or Duration: seconds (1) and nanos (2), zeros left out. */
  public static WireMessage secondsAndNanos(long seconds, int nanos) {
    WireWriter w = new WireWriter(16);
    if (seconds != 0) {
      w.writeTag(0x08);
      w.writeVarint64(seconds);
    }
    if (nanos != 0) {
      w.writeTag(0x10);
      w.writeVarint64(nanos);
    }
    return new WireMessage(w.toByteArray());
  }

  /** The wire bytes of a FieldMask with these paths (field 1). */
  public static WireMessage fieldMask(List<String> paths) {
    WireWriter w = new WireWriter(16);
    for (String path : paths) {
      byte[] utf8 = path.getBytes(StandardCharsets.UTF_8);
      w.writeTag(0x0A);
      w.writeBytes(utf8, 0, utf8.length);
    }
    return new WireMessage(w.toByteArray());
  }

  private static void writeField(WireWriter w, FieldDescriptor f, Object value) {
    int number = f.getNumber();
    switch (f.getType()) {
      case INT32 -> varint(w, number, (Integer) value);
      case INT64, UINT64 -> varint(w, number, (Long) value);
      case UINT32 -> varint(w, number, Integer.toUnsignedLong((Integer) value));
      case SINT32 -> {
        int v = (Integer) value;
        varint(w, number, Integer.toUnsignedLong((v << 1) ^ (v >> 31)));
      }
      case SINT64 -> {
        long v = (Long) value;
        varint(w, number, (v << 1) ^ (v >> 63));
      }
      case BOOL -> varint(w, number, (Boolean) value ? 1 : 0);
      case ENUM -> varint(w, number, ((EnumValueDescriptor) value).getNumber());
      case FIXED32, SFIXED32 -> {
        w.writeTag(number << 3 | 5);
        w.writeFixed32((Integer) value);
      }
      case FLOAT -> {
        w.writeTag(number << 3 | 5);
        w.writeFixed32(Float.floatToRawIntBits((Float) value));
      }
      case FIXED64, SFIXED64 -> {
        w.writeTag(number << 3 | 1);
        w.writeFixed64((Long) value);
      }
      case DOUBLE -> {
        w.writeTag(number << 3 | 1);
        w.writeFixed64(Double.doubleToRawLongBits((Double) value));
      }
      case STRING -> {
        byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
        w.writeTag(number << 3 | 2);
        w.writeBytes(utf8, 0, utf8.length);
      }
      case BYTES -> {
        ByteString bytes = (ByteString) value;
        w.writeTag(number << 3 | 2);
        w.writeUInt32(bytes.size());
        byte[] copy = bytes.toByteArray();
        w.writeRaw(copy, 0, copy.length);
      }
      case MESSAGE -> {
        byte[] message = ((WireMessage) value).bytes();
        w.writeTag(number << 3 | 2);
        w.writeBytes(message, 0, message.length);
      }
      case GROUP -> throw new IllegalArgumentException(f + " is a group");
    }
  }

  private static void varint(WireWriter w, int number, long value) {
    w.writeTag(number << 3);
    w.writeVarint64(value);
  }
}
