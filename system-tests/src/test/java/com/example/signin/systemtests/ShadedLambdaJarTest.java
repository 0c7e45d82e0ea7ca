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
    void theDeliveryFunctionStartsFromTheShadedJarWithSmtpMailAndItsSecretFromSecretsManager() throws Exception {
        Path jar = Path.of("..", "lambdas", "target", "lambdas.jar").toAbsolutePath().normalize();
        assertThat(jar).as("the reactor builds lambdas.jar before this module").exists();
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath(), ShadedJarSmtp.class.getName()))
                .redirectErrorStream(true);
        // Secrets Manager, as far as GetSecretValue goes: the function reads its deployment secret at start.
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer secrets = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 4);
        secrets.createContext("/", exchange -> {
            asked.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            byte[] answer = "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:000000000000:secret:deployment\",\"Name\":\"deployment\",\"SecretString\":\"a-deployment-secret-of-forty-eight-characters-xx\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        secrets.start();
        builder.environment().putAll(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "x",
                "LINK_TABLE", "links", "USER_POOL_ID", "us-east-1_Abc",
                "DEPLOYMENT_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:000000000000:secret:deployment",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:" + secrets.getAddress().getPort(),
                "URL_SCHEME", "com.example.signin", "LINK_BASE", "https://signin.example.com"));
        builder.environment().put("MAIL_TRANSPORT", "smtp");
        builder.environment().put("SMTP_HOST", "127.0.0.1");
        builder.environment().put("SMTP_PORT", "2525");
        builder.environment().put("SENDER_ADDRESS", "no-reply@example.com");
        String output;
        Process process = builder.start();
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            secrets.stop(0);
        }
        assertThat(output).as("output of the function's JVM").contains("failures=0");
        assertThat(process.exitValue()).isZero();
        assertThat(asked).containsExactly("secretsmanager.GetSecretValue");
        assertThat(Files.size(jar)).isPositive();
    }
}
