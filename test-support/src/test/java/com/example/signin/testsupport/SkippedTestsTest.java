package com.example.signin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

class SkippedTestsTest {

    @TempDir
    Path temp;

    @Test
    void underCiAnAssumptionInTheTestMethodFailsTheTestWithTheAssumptionsSentence() {
        EngineExecutionResults results = run(new SkippedTests(true, Optional.empty()), AssumesInTheTest.class);

        assertThat(results.testEvents().aborted().count()).isZero();
        assertThat(failureMessages(results.testEvents().failed().list())).containsExactly(
                "CI=true runs every test, so this one may not skip: chromium is not installed (Debian package chromium)");
        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
    }

    @Test
    void underCiAnAssumptionInBeforeAllFailsTheWholeClassWithTheSentenceAndTheReportNamesIt() throws Exception {
        Path report = temp.resolve("target/test-skips.txt");
        EngineExecutionResults results = run(new SkippedTests(true, Optional.of(report)), AssumesInBeforeAll.class);

        assertThat(results.testEvents().started().count()).as("no test of the class runs").isZero();
        assertThat(failureMessages(results.containerEvents().failed().list())).containsExactly(
                "CI=true runs every test, so this one may not skip: the AWS CLI is missing (Debian package awscli)");
        assertThat(Files.readAllLines(report)).containsExactly(
                AssumesInBeforeAll.class.getName() + ": the AWS CLI is missing (Debian package awscli)");
    }

    @Test
    void underCiAnAssumptionInBeforeEachFailsEveryTestOfTheClass() {
        EngineExecutionResults results = run(new SkippedTests(true, Optional.empty()), AssumesInBeforeEach.class);

        assertThat(failureMessages(results.testEvents().failed().list())).hasSize(2)
                .allMatch(m -> m.equals("CI=true runs every test, so this one may not skip: needs xdg-open (Debian xdg-utils)"));
    }

    @Test
    void onADevelopersMachineTheTestsStaySkippedAndTheReportNamesEachWithItsReason() throws Exception {
        Path report = temp.resolve("target/test-skips.txt");
        SkippedTests developer = new SkippedTests(false, Optional.of(report));

        EngineExecutionResults inTest = run(developer, AssumesInTheTest.class);
        EngineExecutionResults inBeforeAll = run(developer, AssumesInBeforeAll.class);

        assertThat(inTest.testEvents().aborted().count()).isEqualTo(1);
        assertThat(inTest.testEvents().failed().count()).isZero();
        assertThat(inBeforeAll.containerEvents().aborted().count()).isEqualTo(1);
        assertThat(Files.readAllLines(report)).containsExactly(
                AssumesInTheTest.class.getName() + ".needsChromium: chromium is not installed (Debian package chromium)",
                AssumesInBeforeAll.class.getName() + ": the AWS CLI is missing (Debian package awscli)");
    }

    @Test
    void aFailedAssertionAndAPassingTestAreLeftAsTheyAreUnderCi() {
        EngineExecutionResults results = run(new SkippedTests(true, Optional.empty()), FailsAndPasses.class);

        assertThat(failureMessages(results.testEvents().failed().list())).containsExactly("a real failure");
        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
    }

    @Test
    void aMultiLineAssumptionBecomesOneLineOfTheReport() {
        assertThat(SkippedTests.reason(new org.opentest4j.TestAbortedException("Assumption failed: first line\n  second line")))
                .isEqualTo("first line second line");
    }

    private static EngineExecutionResults run(SkippedTests extension, Class<?> sample) {
        Sample.extension = extension;
        try {
            // Only the instance under test: the autodetected one would read this JVM's own CI variable.
            return EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                    .selectors(selectClass(sample)).execute();
        } finally {
            Sample.extension = null;
        }
    }

    private static List<String> failureMessages(List<Event> events) {
        return events.stream()
                .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage())
                .toList();
    }

    // The samples below run only inside EngineTestKit: Surefire leaves nested classes alone.

    abstract static class Sample {
        @RegisterExtension
        static SkippedTests extension;
    }

    static class AssumesInTheTest extends Sample {
        @Test
        void needsChromium() {
            assumeTrue(false, "chromium is not installed (Debian package chromium)");
        }

        @Test
        void needsNothing() {
        }
    }

    static class AssumesInBeforeAll extends Sample {
        @BeforeAll
        static void needsAws() {
            assumeTrue(false, "the AWS CLI is missing (Debian package awscli)");
        }

        @Test
        void usesAws() {
        }
    }

    static class AssumesInBeforeEach extends Sample {
        @BeforeEach
        void needsXdgOpen() {
            assumeTrue(false, "needs xdg-open (Debian xdg-utils)");
        }

        @Test
        void first() {
        }

        @Test
        void second() {
        }
    }

    static class FailsAndPasses extends Sample {
        @Test
        void fails() {
            throw new AssertionError("a real failure");
        }

        @Test
        void passes() {
        }
    }
}
