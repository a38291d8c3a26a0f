package dev.gangway.transcoder;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import dev.gangway.transcoder.cyclefixture.a.A;
import dev.gangway.transcoder.cyclefixture.b.B;
import org.junit.jupiter.api.Test;

/**
 * The transcoder's package structure, checked on its compiled classes: no package cycles, and the
 * library's API packages never reach into {@code internal} packages (only the facade in the root
 * package composes them).
 */
class PackageStructureTest {
  /** The module's main classes: the directory (or jar) that holds {@link Transcoder}. */
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .importUrl(Transcoder.class.getProtectionDomain().getCodeSource().getLocation());

  /** Every package is its own slice, so a cycle between any two packages fails the rule. */
  static final ArchRule NO_PACKAGE_CYCLES =
      SlicesRuleDefinition.slices()
          .assignedFrom(
              new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                  return SliceIdentifier.of(javaClass.getPackageName());
                }

                @Override
                public String getDescription() {
                  return "each package";
                }
              })
          .should()
          .beFreeOfCycles();

  @Test
  void packagesFormNoCycle() {
    NO_PACKAGE_CYCLES.check(MAIN);
  }

  @Test
  void apiPackagesDoNotDependOnInternals() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.gangway.transcoder", "dev.gangway.transcoder.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.gangway.transcoder.internal..")
        .check(MAIN);
  }

  @Test
  void theCycleRuleFailsOnACycle() {
    JavaClasses fixture = new ClassFileImporter().importClasses(A.class, B.class);
    assertThatThrownBy(() -> NO_PACKAGE_CYCLES.check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected");
  }
}
