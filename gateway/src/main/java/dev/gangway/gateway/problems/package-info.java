/**
 * What is wrong with a configuration and its descriptors, in one list that {@code gangway validate}
 * prints and every snapshot build (start and reload) logs: {@link SnapshotProblems} finds them,
 * {@link ProblemKind} groups them, {@link ProblemCounts} summarises them.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.gangway.gateway.problems;
