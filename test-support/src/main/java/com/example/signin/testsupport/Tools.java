package com.example.signin.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The system tools some tests run (Chromium, the AWS CLI, xdg-utils, ...), looked up on the
 * {@code PATH} as a person's shell would. A missing tool aborts the test with the Debian package
 * that provides it and the command that installs it; {@link SkippedTests} turns that into a
 * failure under {@code CI=true}.
 */
public final class Tools {

    private Tools() {
    }

    /** The executable {@code command} on the {@code PATH}; aborts the calling test when there is none. */
    public static Path require(String command, String debianPackage) {
        return find(command).orElseGet(() -> Assumptions.abort(missing(command, debianPackage)));
    }

    /** The first executable named {@code command} in the {@code PATH}'s directories. */
    public static Optional<Path> find(String command) {
        return find(command, System.getenv("PATH"));
    }

    static Optional<Path> find(String command, String path) {
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The one sentence for a missing tool. */
    static String missing(String command, String debianPackage) {
        return command + " is not installed (Debian package " + debianPackage + "): sudo apt-get install "
                + debianPackage + ", or sudo bash .ci/run, which installs every package the tests use";
    }
}
