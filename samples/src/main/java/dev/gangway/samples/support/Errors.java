package dev.gangway.samples.support;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.ResourceInfo;
import com.google.rpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Map;

/**
 * Builds the errors the sample services return: a gRPC status whose {@code grpc-status-details-bin}
 * trailer holds a {@code google.rpc.Status} with the detail the AIP error model suggests
 * (AIP-193): {@link ResourceInfo} for missing or existing resources, {@link BadRequest} for bad
 * fields, {@link ErrorInfo} for preconditions.
 *
 * <p>Stateless and thread-safe.
 */
public final class Errors {

  /** The {@link ErrorInfo#getDomain()} of every sample error. */
  public static final String DOMAIN = "samples.gangway.dev";

  private Errors() {}

  /**
   * NOT_FOUND naming the resource, e.g. {@code shelf "shelves/nope" not found}.
   *
   * @param resourceType the full message name, e.g. {@code gangway.samples.bookstore.v1.Shelf}
   * @param name the resource name or id the caller asked for
   */
  public static StatusRuntimeException notFound(String resourceType, String name) {
    String message = simpleName(resourceType) + " \"" + name + "\" not found";
    return build(Code.NOT_FOUND, message, resource(resourceType, name, message));
  }

  /** ALREADY_EXISTS naming the resource, e.g. {@code shelf "shelves/fiction" already exists}. */
  public static StatusRuntimeException alreadyExists(String resourceType, String name) {
    String message = simpleName(resourceType) + " \"" + name + "\" already exists";
    return build(Code.ALREADY_EXISTS, message, resource(resourceType, name, message));
  }

  /** INVALID_ARGUMENT {@code field: description} with one BadRequest field violation. */
  public static StatusRuntimeException invalidArgument(String field, String description) {
    return build(Code.INVALID_ARGUMENT, field + ": " + description, badRequest(field, description));
  }

  /**
   * Checks a number the caller sent against its limits.
   *
   * @throws StatusRuntimeException INVALID_ARGUMENT {@code field: must be between 0 and max, got
   *     value} unless {@code value} is 0 to {@code max}
   */
  public static void checkRange(String field, long value, long max) {
    if (value < 0 || value > max) {
      throw invalidArgument(field, "must be between 0 and " + max + ", got " + value);
    }
  }

  /**
   * FAILED_PRECONDITION with an ErrorInfo.
   *
   * @param reason UPPER_SNAKE_CASE, e.g. {@code BOOK_ARCHIVED}
   * @param metadata context for the reason, e.g. the resource name
   */
  public static StatusRuntimeException failedPrecondition(
      String reason, String message, Map<String, String> metadata) {
    ErrorInfo info = ErrorInfo.newBuilder()
        .setReason(reason)
        .setDomain(DOMAIN)
        .putAllMetadata(metadata)
        .build();
    return build(Code.FAILED_PRECONDITION, message, info);
  }

  /** One BadRequest field violation. */
  public static BadRequest badRequest(String field, String description) {
    return BadRequest.newBuilder()
        .addFieldViolations(BadRequest.FieldViolation.newBuilder()
            .setField(field)
            .setDescription(description))
        .build();
  }

  /** A status with the given code, message and details, as an exception a service can return. */
  public static StatusRuntimeException build(Code code, String message, Message... details) {
    Status.Builder status = Status.newBuilder().setCode(code.getNumber()).setMessage(message);
    for (Message detail : details) {
      status.addDetails(Any.pack(detail));
    }
    return StatusProto.toStatusRuntimeException(status.build());
  }

  private static ResourceInfo resource(String resourceType, String name, String description) {
    return ResourceInfo.newBuilder()
        .setResourceType(resourceType)
        .setResourceName(name)
        .setDescription(description)
        .build();
  }

  /** {@code gangway.samples.bookstore.v1.Shelf} -> {@code shelf}. */
  private static String simpleName(String resourceType) {
    String simple = resourceType.substring(resourceType.lastIndexOf('.') + 1);
    return simple.toLowerCase(java.util.Locale.ROOT);
  }
}
