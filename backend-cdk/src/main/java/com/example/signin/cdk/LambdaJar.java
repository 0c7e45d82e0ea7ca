package com.example.signin.cdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shaded jar of module {@code lambdas}, the code of every function. By default it is
 * {@code ../lambdas/target/lambdas.jar} seen from this module's folder; the folder is found by
 * walking up from the working directory to the repository root (the folder holding both
 * {@code lambdas/} and {@code backend-cdk/}), so {@code cdk synth} in {@code backend-cdk/}, Maven
 * and an IDE run from the root all find the same file.
 */
public final class LambdaJar {

    static final String RELATIVE_PATH = "lambdas/target/lambdas.jar";

    private LambdaJar() {
    }

    /**
     * @param explicit   a jar a deployer or a test named; used as is (relative to {@code workingDir})
     * @param workingDir where the search starts
     * @return the absolute path of an existing regular file
     * @throws IllegalStateException with what to run when the jar does not exist
     */
    public static Path locate(Optional<Path> explicit, Path workingDir) {
        Path start = workingDir.toAbsolutePath().normalize();
        Path jar = explicit.map(p -> start.resolve(p).normalize()).orElseGet(() -> defaultJar(start));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The Lambda jar " + jar + " does not exist: run ./mvnw -pl lambdas -am package first "
                    + "(in the repository root), or name another jar (-c lambdaJar=PATH, or MagicLinkBackendProps.builder().lambdaJar(path)).");
        }
        return jar;
    }

    private static Path defaultJar(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("lambdas")) && Files.isDirectory(dir.resolve("backend-cdk"))) {
                return dir.resolve(RELATIVE_PATH);
            }
        }
        // Not inside the repository: name the place it would be for the usual layout.
        return start.resolve("..").resolve(RELATIVE_PATH).normalize();
    }
}
