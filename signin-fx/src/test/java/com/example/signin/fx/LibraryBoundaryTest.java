package com.example.signin.fx;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The library knows nothing of any host: not the desktop app, not its local backend. */
class LibraryBoundaryTest {

    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.example.signin.fx");

    @Test
    void nothingInTheLibraryUsesTheDesktopAppOrTheLocalBackend() {
        assertThat(LIBRARY).isNotEmpty();
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("com.example.signin.desktop..", "com.example.signin.local..", "com.example.signin.hostapp..")
                .because("signin-fx is a library for any JavaFX host; hosts depend on it, never the other way")
                .check(LIBRARY);
    }

    @Test
    void theInternalPartsFormNoCycle() {
        // client uses platform (stores) and config; ui uses client and platform; none uses a part that uses it back.
        slices().matching("com.example.signin.fx.internal.(*)..").should().beFreeOfCycles().check(LIBRARY);
    }
}
