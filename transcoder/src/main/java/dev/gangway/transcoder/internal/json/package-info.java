/**
 * Internal: proto3 JSON for one snapshot, used by the {@link dev.gangway.transcoder.Transcoder}
 * facade and by the gateway; not part of the library's API (see docs/library.md). The {@link
 * JsonCodec} (parser and printer configured from the options), the per-binding {@link
 * ResponsePlan} that turns a protobuf response into the HTTP body ({@code response_body}
 * selection, {@code google.api.HttpBody}), and the {@link ErrorRenderer} that writes every
 * {@code google.rpc.Status} body with the codec's printer.
 *
 * <p>Everything here is built once per snapshot and is immutable and thread-safe. Parameters and
 * return values are non-null unless documented otherwise.
 */
package dev.gangway.transcoder.internal.json;
