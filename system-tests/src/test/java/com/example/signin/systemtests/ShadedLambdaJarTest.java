package com.example.signin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shaded Lambda jar as deployed, in a JVM of its own, configured for SMTP mail
 * ({@code MAIL_TRANSPORT=smtp}, docs/CONTRACTS.md): the sign-in function must start.
 */
@Timeout(120)
class ShadedLambdaJarTest {

    @Test
    void theSignInFunctionStartsFromTheShadedJarWithSmtpMail() throws Exception {
        Path jar = Path.of("..", "lambdas", "target", "lambdas.jar").toAbsolutePath().normalize();
        assertThat(jar).as("the reactor builds lambdas.jar before this module").exists();
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath(), ShadedJarSmtp.class.getName()))
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "x",
                "LINK_TABLE", "links", "USER_POOL_ID", "us-east-1_Abc", "EMAIL_HASH_SALT", "a-salt-of-sixteen-chars",
                "URL_SCHEME", "com.example.signin", "LINK_BASE", "https://signin.example.com", "MAIL_TRANSPORT", "smtp",
                "SMTP_HOST", "127.0.0.1"));
        builder.environment().put("SMTP_PORT", "2525");
        builder.environment().put("SENDER_ADDRESS", "no-reply@example.com");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("output of the function's JVM").contains("status=405");
        assertThat(process.exitValue()).isZero();
        assertThat(Files.size(jar)).isPositive();
    }
}
