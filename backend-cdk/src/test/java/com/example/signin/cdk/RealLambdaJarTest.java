package com.example.signin.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Against the real {@code lambdas/target/lambdas.jar}, which the full reactor build packages
 * before this module: every handler the stack names is in it. A build of this module alone
 * ({@code -pl backend-cdk -am}) has no such jar, and this test then does not apply.
 */
class RealLambdaJarTest {

    @Test
    void everyHandlerTheStackNamesIsAClassInTheLambdasJar() throws Exception {
        Path jar = Path.of("").toAbsolutePath().resolveSibling(LambdaJar.RELATIVE_PATH);
        assumeTrue(Files.isRegularFile(jar), "no " + jar + " (built by the full reactor or ./mvnw -pl lambdas -am package)");

        SignInStack stack = TestStacks.stack(MagicLinkBackendProps.builder().senderAddress(TestStacks.SENDER).build());
        assertThat(LambdaJar.locate(Optional.empty(), Path.of(""))).isEqualTo(jar);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String handler : stack.backend().functions().keySet()) {
                String entry = JavaFunction.HANDLER_PACKAGE.replace('.', '/') + handler + ".class";
                assertThat(zip.getEntry(entry)).as(entry).isNotNull();
            }
        }
        assertThat(stack.backend().functions()).hasSize(8);
    }
}
