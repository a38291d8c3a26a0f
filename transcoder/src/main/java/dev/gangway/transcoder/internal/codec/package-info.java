/**
 * The compiled proto3 JSON codec: descriptors are compiled once per snapshot into
 * {@link dev.gangway.transcoder.internal.codec.MessageSchema}s, and per call JSON text becomes
 * protobuf wire bytes ({@link dev.gangway.transcoder.internal.codec.JsonToWire}: Jackson's
 * streaming parser straight into a wire buffer) and wire bytes become JSON
 * ({@link dev.gangway.transcoder.internal.codec.WireToJson}: a wire reader straight into JSON text,
 * or into a Jackson generator when events are wanted), with no message objects, no reflection and no descriptor lookups by name.
 *
 * <p>Internal: only the transcoder's {@code json} and {@code binding} packages use it, through
 * {@link dev.gangway.transcoder.json.JsonCodec}. Schemas are immutable once published and
 * thread-safe; readers and writers are per call. Parameters and return values are non-null unless
 * documented otherwise.
 */
package dev.gangway.transcoder.internal.codec;
