/**
 * {@code google.api.http} path templates: the AST
 * ({@link dev.gangway.transcoder.template.PathTemplate},
 * {@link dev.gangway.transcoder.template.Segment}) and its parser.
 *
 * <p>Everything here is non-null unless a Javadoc says otherwise; values are immutable.
 */
package dev.gangway.transcoder.template;
