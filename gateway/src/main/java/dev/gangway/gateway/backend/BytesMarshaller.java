package dev.gangway.gateway.backend;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Passes gRPC messages through as the protobuf bytes the transcoder made or reads: no
 * {@code DynamicMessage} on the gRPC side.
 *
 * <p>Stateless and thread-safe; use {@link #INSTANCE}.
 */
public final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
  public static final BytesMarshaller INSTANCE = new BytesMarshaller();

  private BytesMarshaller() {}

  @Override
  public InputStream stream(byte[] value) {
    return new BytesStream(value);
  }

  @Override
  public byte[] parse(InputStream stream) {
    try {
      if (stream instanceof KnownLength) {
        // grpc-java's message streams know their length: one exact array, no growing buffers.
        byte[] message = new byte[stream.available()];
        int read = stream.readNBytes(message, 0, message.length);
        if (read == message.length && stream.read() < 0) {
          return message;
        }
        throw new IOException("the message stream did not hold its announced length");
      }
      return stream.readAllBytes();
    } catch (IOException e) {
      // grpc-java turns this into an INTERNAL status for the call.
      throw new UncheckedIOException("reading a message from the backend failed", e);
    }
  }

  /**
   * The message as a stream whose length grpc-java can see ({@link KnownLength}) and that writes
   * itself in one piece ({@link Drainable}), so the framer neither buffers nor copies byte-wise.
   */
  private static final class BytesStream extends ByteArrayInputStream
      implements KnownLength, Drainable {
    BytesStream(byte[] bytes) {
      super(bytes);
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int length = count - pos;
      target.write(buf, pos, length);
      pos = count;
      return length;
    }
  }
}
