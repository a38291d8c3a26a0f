package dev.gangway.gateway;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The gateway's package structure, checked on its compiled classes: no package cycles. (The same
 * rule in the transcoder's PackageStructureTest is shown to fail on a deliberate cycle.)
 */
class PackageStructureTest {
  /** The module's main classes: the directory (or jar) that holds {@link GatewayServer}. */
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .importUrl(GatewayServer.class.getProtectionDomain().getCodeSource().getLocation());

  /** Every package is its own slice, so a cycle between any two packages fails the rule. */
  private static final ArchRule NO_PACKAGE_CYCLES =
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
}
