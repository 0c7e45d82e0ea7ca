package com.example.signin.hostapp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * docs/EMBEDDING.md shows the example's own lines, so what it shows always compiles: each
 * {@code <!-- embedding:NAME -->} block there equals the lines between {@code // embedding:NAME}
 * and {@code // end:NAME} here. And the example uses nothing of the library but its public API.
 */
class EmbeddingDocTest {

    private static final Path SOURCES = Path.of("src/main/java/com/example/signin/hostapp");
    private static final Path DOC = Path.of("../../docs/EMBEDDING.md");

    @ParameterizedTest
    @ValueSource(strings = {"main:Main.java", "start:HostApp.java"})
    void theGuideShowsTheExamplesLinesExactly(String snippet) throws IOException {
        String name = snippet.substring(0, snippet.indexOf(':'));
        String file = snippet.substring(snippet.indexOf(':') + 1);
        String source = Files.readString(SOURCES.resolve(file));
        Matcher inSource = Pattern.compile("(?s)\\n[ \\t]*// embedding:" + name + "\\n(.*?)\\n[ \\t]*// end:" + name + "\\n")
                .matcher(source);
        assertThat(inSource.find()).as("markers for " + name + " in " + file).isTrue();
        String doc = Files.readString(DOC);
        Matcher inDoc = Pattern.compile("(?s)<!-- embedding:" + name + " -->\\n```java\\n(.*?)\\n```").matcher(doc);
        assertThat(inDoc.find()).as("a java block after <!-- embedding:" + name + " --> in " + DOC).isTrue();
        assertThat(inDoc.group(1).stripIndent()).isEqualTo(inSource.group(1).stripIndent());
    }

    @Test
    void theExampleUsesOnlyTheLibrarysPublicApi() {
        JavaClasses example = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.example.signin.hostapp");
        assertThat(example).isNotEmpty();
        noClasses().should().dependOnClassesThat().resideInAPackage("com.example.signin.fx.internal..")
                .because("a host uses the library's root package only (its internal packages may change)")
                .check(example);
    }
}
