package dev.gangway.transcoder.options;

import dev.gangway.transcoder.template.PathTemplateParser;
import java.util.Objects;
import java.util.Set;

/**
 * How the transcoder maps requests and responses where the spec leaves a choice.
 *
 * <p>Immutable and thread-safe. Start from {@link #DEFAULT} or {@link #builder()}; every default is
 * the strict choice but {@code templateSyntax} (which serves real APIs), and is cited in
 * docs/mapping.md.
 *
 * <pre>{@code
 * TranscoderOptions options = TranscoderOptions.builder()
 *     .unknownQueryParameters(UnknownInput.IGNORE)
 *     .ignoredQueryParameters(Set.of("api_key"))
 *     .build();
 * }</pre>
 */
public final class TranscoderOptions {

  /** What to do with input that names no field. */
  public enum UnknownInput {
    /** 400 INVALID_ARGUMENT naming the parameter or field. */
    REJECT,
    /** Drop it silently. */
    IGNORE
  }

  /** What to do when the path and the body both set a field. */
  public enum PathBodyConflict {
    /** The path value replaces the body value (grpc-gateway, Armeria). */
    PATH_WINS,
    /** Differing values are a 400 naming the field; equal values pass. */
    REJECT_DIFFERENT
  }

  /** Which field names responses use. */
  public enum JsonFieldNames {
    /** lowerCamelCase or the field's {@code json_name} (proto3 JSON mapping). */
    JSON_NAME,
    /** The name as written in the .proto file. */
    PROTO_NAME
  }

  public static final TranscoderOptions DEFAULT = builder().build();

  private final boolean autoMapping;
  private final UnknownInput unknownQueryParameters;
  private final UnknownInput unknownBodyFields;
  private final Set<String> ignoredQueryParameters;
  private final boolean queryPlusAsSpace;
  private final PathBodyConflict pathBodyConflict;
  private final JsonFieldNames jsonFieldNames;
  private final boolean emitDefaultValues;
  private final boolean enumsAsNumbers;
  private final PathTemplateParser.Syntax templateSyntax;
  private final JsonInputLimits jsonLimits;
  private final boolean fillUpdateMask;

  private TranscoderOptions(Builder b) {
    this.autoMapping = b.autoMapping;
    this.unknownQueryParameters = b.unknownQueryParameters;
    this.unknownBodyFields = b.unknownBodyFields;
    this.ignoredQueryParameters = Set.copyOf(b.ignoredQueryParameters);
    this.queryPlusAsSpace = b.queryPlusAsSpace;
    this.pathBodyConflict = b.pathBodyConflict;
    this.jsonFieldNames = b.jsonFieldNames;
    this.emitDefaultValues = b.emitDefaultValues;
    this.enumsAsNumbers = b.enumsAsNumbers;
    this.templateSyntax = b.templateSyntax;
    this.jsonLimits = b.jsonLimits;
    this.fillUpdateMask = b.fillUpdateMask;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .autoMapping(autoMapping)
        .unknownQueryParameters(unknownQueryParameters)
        .unknownBodyFields(unknownBodyFields)
        .ignoredQueryParameters(ignoredQueryParameters)
        .queryPlusAsSpace(queryPlusAsSpace)
        .pathBodyConflict(pathBodyConflict)
        .jsonFieldNames(jsonFieldNames)
        .emitDefaultValues(emitDefaultValues)
        .enumsAsNumbers(enumsAsNumbers)
        .templateSyntax(templateSyntax)
        .jsonLimits(jsonLimits)
        .fillUpdateMask(fillUpdateMask);
  }

  public boolean autoMapping() {
    return autoMapping;
  }

  public UnknownInput unknownQueryParameters() {
    return unknownQueryParameters;
  }

  public UnknownInput unknownBodyFields() {
    return unknownBodyFields;
  }

  public Set<String> ignoredQueryParameters() {
    return ignoredQueryParameters;
  }

  public boolean queryPlusAsSpace() {
    return queryPlusAsSpace;
  }

  public PathBodyConflict pathBodyConflict() {
    return pathBodyConflict;
  }

  public JsonFieldNames jsonFieldNames() {
    return jsonFieldNames;
  }

  public boolean emitDefaultValues() {
    return emitDefaultValues;
  }

  public boolean enumsAsNumbers() {
    return enumsAsNumbers;
  }

  public PathTemplateParser.Syntax templateSyntax() {
    return templateSyntax;
  }

  public boolean fillUpdateMask() {
    return fillUpdateMask;
  }

  public JsonInputLimits jsonLimits() {
    return jsonLimits;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TranscoderOptions other
        && autoMapping == other.autoMapping
        && unknownQueryParameters == other.unknownQueryParameters
        && unknownBodyFields == other.unknownBodyFields
        && ignoredQueryParameters.equals(other.ignoredQueryParameters)
        && queryPlusAsSpace == other.queryPlusAsSpace
        && pathBodyConflict == other.pathBodyConflict
        && jsonFieldNames == other.jsonFieldNames
        && emitDefaultValues == other.emitDefaultValues
        && enumsAsNumbers == other.enumsAsNumbers
        && templateSyntax == other.templateSyntax
        && jsonLimits.equals(other.jsonLimits)
        && fillUpdateMask == other.fillUpdateMask;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        autoMapping,
        unknownQueryParameters,
        unknownBodyFields,
        ignoredQueryParameters,
        queryPlusAsSpace,
        pathBodyConflict,
        jsonFieldNames,
        emitDefaultValues,
        enumsAsNumbers,
        templateSyntax,
        jsonLimits,
        fillUpdateMask);
  }

  @Override
  public String toString() {
    return "TranscoderOptions{autoMapping=" + autoMapping
        + ", unknownQueryParameters=" + unknownQueryParameters
        + ", unknownBodyFields=" + unknownBodyFields
        + ", ignoredQueryParameters=" + ignoredQueryParameters
        + ", queryPlusAsSpace=" + queryPlusAsSpace
        + ", pathBodyConflict=" + pathBodyConflict
        + ", jsonFieldNames=" + jsonFieldNames
        + ", emitDefaultValues=" + emitDefaultValues
        + ", enumsAsNumbers=" + enumsAsNumbers
        + ", templateSyntax=" + templateSyntax
        + ", jsonLimits=" + jsonLimits
        + ", fillUpdateMask=" + fillUpdateMask + "}";
  }

  /** Not thread-safe; build once, then share the built options. */
  public static final class Builder {
    private boolean autoMapping = true;
    private UnknownInput unknownQueryParameters = UnknownInput.REJECT;
    private UnknownInput unknownBodyFields = UnknownInput.REJECT;
    private Set<String> ignoredQueryParameters = Set.of();
    private boolean queryPlusAsSpace = false;
    private PathBodyConflict pathBodyConflict = PathBodyConflict.PATH_WINS;
    private JsonFieldNames jsonFieldNames = JsonFieldNames.JSON_NAME;
    private boolean emitDefaultValues = false;
    private boolean enumsAsNumbers = false;
    private PathTemplateParser.Syntax templateSyntax = PathTemplateParser.Syntax.EXTENDED;
    private JsonInputLimits jsonLimits = JsonInputLimits.DEFAULT;
    private boolean fillUpdateMask = true;

    private Builder() {}

    /** Serve every method at {@code POST /<package.Service>/<Method>} with body {@code *}. Default: true. */
    public Builder autoMapping(boolean autoMapping) {
      this.autoMapping = autoMapping;
      return this;
    }

    /** A query parameter that names no field. Default: {@link UnknownInput#REJECT}. */
    public Builder unknownQueryParameters(UnknownInput policy) {
      this.unknownQueryParameters = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** A JSON body member that names no field. Default: {@link UnknownInput#REJECT}. */
    public Builder unknownBodyFields(UnknownInput policy) {
      this.unknownBodyFields = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Query parameter names always dropped, e.g. {@code api_key}. Default: none. */
    public Builder ignoredQueryParameters(Set<String> names) {
      this.ignoredQueryParameters = Set.copyOf(names);
      return this;
    }

    /** Decode {@code +} in query values as a space (HTML forms). Default: false ({@code +} stays). */
    public Builder queryPlusAsSpace(boolean plusAsSpace) {
      this.queryPlusAsSpace = plusAsSpace;
      return this;
    }

    /** A field set by both the path and the body. Default: {@link PathBodyConflict#PATH_WINS}. */
    public Builder pathBodyConflict(PathBodyConflict policy) {
      this.pathBodyConflict = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Response field names. Default: {@link JsonFieldNames#JSON_NAME}. */
    public Builder jsonFieldNames(JsonFieldNames names) {
      this.jsonFieldNames = Objects.requireNonNull(names, "names");
      return this;
    }

    /** Print fields that hold their default value (proto3 fields without presence). Default: false. */
    public Builder emitDefaultValues(boolean emit) {
      this.emitDefaultValues = emit;
      return this;
    }

    /** Print enums as numbers instead of names. Default: false. */
    public Builder enumsAsNumbers(boolean asNumbers) {
      this.enumsAsNumbers = asNumbers;
      return this;
    }

    /**
     * The path template grammar. Default: {@link PathTemplateParser.Syntax#EXTENDED}, which also
     * serves literal segments after {@code **}: googleapis has such rules and Google's front ends
     * serve them; rejecting them sent those URLs to other methods.
     */
    public Builder templateSyntax(PathTemplateParser.Syntax syntax) {
      this.templateSyntax = Objects.requireNonNull(syntax, "syntax");
      return this;
    }

    /** How much JSON one value may hold. Default: {@link JsonInputLimits#DEFAULT}. */
    public Builder jsonLimits(JsonInputLimits limits) {
      this.jsonLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * A PATCH whose {@code body} is a message field, of a request with a
     * {@code google.protobuf.FieldMask update_mask} that the query does not set, gets the mask
     * of the body's keys (grpc-gateway's patch feature). Default: true.
     */
    public Builder fillUpdateMask(boolean fill) {
      this.fillUpdateMask = fill;
      return this;
    }

    public TranscoderOptions build() {
      return new TranscoderOptions(this);
    }
  }
}
