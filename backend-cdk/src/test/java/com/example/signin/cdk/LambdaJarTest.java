package com.example.signin.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaJarTest {

    @Test
    void theDefaultJarIsFoundFromTheModuleFolderAndFromTheRepositoryRoot(@TempDir Path root) throws Exception {
        Path jar = Files.createDirectories(root.resolve("lambdas/target")).resolve("lambdas.jar");
        Files.write(jar, new byte[] {1});
        Path module = Files.createDirectories(root.resolve("backend-cdk"));

        assertThat(LambdaJar.locate(Optional.empty(), module)).isEqualTo(jar.toAbsolutePath());
        assertThat(LambdaJar.locate(Optional.empty(), root)).isEqualTo(jar.toAbsolutePath());
        assertThat(LambdaJar.locate(Optional.empty(), Files.createDirectories(module.resolve("target")))).isEqualTo(jar.toAbsolutePath());
    }

    @Test
    void aNamedJarIsResolvedAgainstTheWorkingDirectory(@TempDir Path dir) throws Exception {
        Path jar = Files.write(dir.resolve("mine.jar"), new byte[] {1});
        assertThat(LambdaJar.locate(Optional.of(Path.of("mine.jar")), dir)).isEqualTo(jar.toAbsolutePath());
        assertThat(LambdaJar.locate(Optional.of(jar.toAbsolutePath()), Path.of(""))).isEqualTo(jar.toAbsolutePath());
    }

    @Test
    void aMissingJarSaysWhatToBuild(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("lambdas"));
        Path module = Files.createDirectories(root.resolve("backend-cdk"));
        assertThatThrownBy(() -> LambdaJar.locate(Optional.empty(), module))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(root.resolve("lambdas/target/lambdas.jar").toString())
                .hasMessageContaining("run ./mvnw -pl lambdas -am package first");
    }

    @Test
    void theStackRefusesToSynthesiseWithoutTheJar(@TempDir Path dir) {
        MagicLinkBackendProps settings = MagicLinkBackendProps.builder().senderAddress("signin@example.com").lambdaJar(dir.resolve("absent.jar")).build();
        assertThatThrownBy(() -> TestStacks.stack(settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("run ./mvnw -pl lambdas -am package first");
    }
}
