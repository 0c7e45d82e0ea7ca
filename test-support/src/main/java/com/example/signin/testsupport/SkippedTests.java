package com.example.signin.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * The one rule about skipped tests, for every module: a test that an assumption aborts (in the
 * test method or in any of its lifecycle methods) is a failure under {@code CI=true}, with the
 * assumption's own sentence, because CI must run every check. Anywhere else it stays a skip.
 * Either way it is written to the report file that {@code .ci/run} lists at the end of the build.
 *
 * <p>Every module's tests get it through JUnit's extension autodetection (this jar's
 * {@code META-INF/services} entry), which the root pom switches on together with the report
 * file's system property {@value #REPORT_PROPERTY}.
 */
public final class SkippedTests implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    /** System property naming the file (one line per skip) that {@code .ci/run} lists. */
    public static final String REPORT_PROPERTY = "test.skips.file";

    private static final String ASSUMPTION_PREFIX = "Assumption failed: ";
    private static final Object REPORT_LOCK = new Object();

    private final boolean underCi;
    private final Optional<Path> report;

    /** The autodetected instance: {@code CI} from the environment, the report file from the system property. */
    public SkippedTests() {
        this("true".equalsIgnoreCase(System.getenv("CI")),
                Optional.ofNullable(System.getProperty(REPORT_PROPERTY)).filter(p -> !p.isBlank()).map(Path::of));
    }

    SkippedTests(boolean underCi, Optional<Path> report) {
        this.underCi = underCi;
        this.report = report;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw judge(context, thrown);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw judge(context, thrown);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw judge(context, thrown);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw judge(context, thrown);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw judge(context, thrown);
    }

    private Throwable judge(ExtensionContext context, Throwable thrown) {
        if (!(thrown instanceof TestAbortedException)) {
            return thrown;
        }
        String reason = reason(thrown);
        report.ifPresent(file -> append(file, testName(context) + ": " + reason));
        return underCi ? new SkippedUnderCi(reason, thrown) : thrown;
    }

    /** The assumption's sentence, without JUnit's prefix and on one line. */
    static String reason(Throwable aborted) {
        String message = Optional.ofNullable(aborted.getMessage()).orElse("an assumption failed (it gave no reason)");
        if (message.startsWith(ASSUMPTION_PREFIX)) {
            message = message.substring(ASSUMPTION_PREFIX.length());
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** {@code Class.method} for a test, {@code Class} when the whole class is skipped (from {@code @BeforeAll}). */
    private static String testName(ExtensionContext context) {
        String type = context.getTestClass().map(Class::getName).orElse(context.getDisplayName());
        return context.getTestMethod().map(method -> type + "." + method.getName()).orElse(type);
    }

    private static void append(Path file, String line) {
        synchronized (REPORT_LOCK) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record a skipped test in " + file, e);
            }
        }
    }

    /** The failure a skip becomes under {@code CI=true}. */
    public static final class SkippedUnderCi extends AssertionError {
        private static final long serialVersionUID = 1L;

        SkippedUnderCi(String reason, Throwable aborted) {
            super("CI=true runs every test, so this one may not skip: " + reason, aborted);
        }
    }
}
