/**
 * Proto3 JSON for one snapshot: the {@link dev.gangway.transcoder.json.JsonCodec} (parser and
 * printer configured from the options) and the per-binding
 * {@link dev.gangway.transcoder.json.ResponsePlan} that turns a protobuf response into the HTTP
 * body ({@code response_body} selection, {@code google.api.HttpBody}).
 *
 * <p>Everything here is built once per snapshot and is immutable and thread-safe. Parameters and
 * return values are non-null unless documented otherwise.
 */
package dev.gangway.transcoder.json;
