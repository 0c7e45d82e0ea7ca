package com.example.signin.cdk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/** Builds stacks for tests with a tiny stand-in for the lambdas jar, so they need no other module. */
final class TestStacks {

    static final String SENDER = "signin@example.com";

    private TestStacks() {
    }

    private static Path smallJar;

    /** A small jar that stands in for {@code lambdas/target/lambdas.jar}; CDK only hashes and stages it. Made once. */
    static synchronized Path smallJar() {
        if (smallJar != null) {
            return smallJar;
        }
        try {
            Path dir = Files.createTempDirectory("backend-cdk-test");
            Path jar = dir.resolve("lambdas.jar");
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
                ZipEntry entry = new ZipEntry("README.txt");
                entry.setTime(0);
                zip.putNextEntry(entry);
                zip.write("stand-in for the lambdas jar".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            dir.toFile().deleteOnExit();
            jar.toFile().deleteOnExit();
            smallJar = jar;
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MagicLinkBackendProps.Builder settings() {
        return MagicLinkBackendProps.builder().senderAddress(SENDER).lambdaJar(smallJar());
    }

    static SignInStack stack(MagicLinkBackendProps settings) {
        App app = new App();
        return new SignInStack(app, SignInApp.STACK_NAME, StackProps.builder().build(), settings);
    }
}
