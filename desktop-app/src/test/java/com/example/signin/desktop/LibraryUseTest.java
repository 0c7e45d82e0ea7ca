package com.example.signin.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The desktop app is a host of signin-fx like any other: it uses the library's public API only, and its packages form no cycle. */
class LibraryUseTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.example.signin.desktop");

    @Test
    void theAppUsesOnlyTheLibrarysRootPackage() {
        assertThat(APP).isNotEmpty();
        noClasses().should().dependOnClassesThat().resideInAPackage("com.example.signin.fx.internal..")
                .because("a host uses com.example.signin.fx only; the library's internal packages may change")
                .check(APP);
    }

    @Test
    void theAppsPackagesFormNoCycle() {
        // The launcher (root package) uses the window, the API client and the platform parts; they never use it back.
        noClasses().that().resideInAnyPackage("com.example.signin.desktop.ui..", "com.example.signin.desktop.api..",
                        "com.example.signin.desktop.platform..")
                .should().dependOnClassesThat().resideInAPackage("com.example.signin.desktop")
                .check(APP);
        // The installed hand-off entry point uses the launcher's parsing and hand-off; the launcher never uses it.
        noClasses().that().resideInAPackage("com.example.signin.desktop")
                .should().dependOnClassesThat().resideInAPackage("com.example.signin.desktop.handoff..")
                .check(APP);
        slices().matching("com.example.signin.desktop.(*)..").should().beFreeOfCycles().check(APP);
    }
}
