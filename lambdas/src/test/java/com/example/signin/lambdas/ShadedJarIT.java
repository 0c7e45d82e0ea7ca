package com.example.signin.lambdas;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** The shaded Lambda jar, in a JVM of its own, as Lambda would start it. */
class ShadedJarIT {

    private static final Path JAR = Path.of("target", "lambdas.jar");

    private static Map<String, String> lambdaEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "example");
        env.put("LINK_TABLE", "links");
        env.put("USER_POOL_ID", "eu-west-1_AbCdEf123");
        env.put("EMAIL_HASH_SALT", "0123456789abcdef0123");
        env.put("URL_SCHEME", "com.example.signin");
        env.put("LINK_BASE", "https://signin.example.com");
        env.put("SENDER_ADDRESS", "no-reply@example.com");
        env.put("SENDER_NAME", "Example");
        return env;
    }

    private static String[] run(Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp",
                JAR + File.pathSeparator + Path.of("target", "test-classes"),
                "com.example.signin.lambdas.testing.ShadedJarSmoke"));
        builder.environment().clear();
        builder.environment().putAll(env);
        Path out = Files.createTempFile("smoke", ".out");
        Path err = Files.createTempFile("smoke", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the smoke run ends").isTrue();
        return new String[] {Integer.toString(process.exitValue()),
                Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8)};
    }

    @Test
    void everyHandlerStartsFromTheShadedJarAndPrimesWithoutNetwork() throws Exception {
        String[] result = run(lambdaEnvironment());

        assertThat(result[0]).as(result[2]).isEqualTo("0");
        // verify (DynamoDB), post authentication (Cognito), sign-in API (DynamoDB, Cognito, SES)
        assertThat(result[1]).contains("primed=5 status=405");
        System.out.println("lambdas.jar: " + Files.size(JAR) + " bytes");
    }

    @Test
    void aMissingVariableStopsStartupNamingIt() throws Exception {
        Map<String, String> env = lambdaEnvironment();
        env.remove("EMAIL_HASH_SALT");

        String[] result = run(env);

        assertThat(result[0]).isNotEqualTo("0");
        assertThat(result[2]).contains("EMAIL_HASH_SALT is not set: it must be a random per-deployment value of at least 16 characters.");
    }

    @Test
    void theBindingIsInTheShadedJarOnlyAndOtherHttpClientsAreNot() throws Exception {
        try (ZipFile shaded = new ZipFile(JAR.toFile())) {
            assertThat(shaded.getEntry("org/slf4j/simple/SimpleServiceProvider.class")).isNotNull();
            assertThat(shaded.getEntry("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class")).isNotNull();
            assertThat(shaded.getEntry("software/amazon/awssdk/http/apache/ApacheHttpClient.class")).isNull();
            assertThat(shaded.getEntry("software/amazon/awssdk/http/nio/netty/NettyNioAsyncHttpClient.class")).isNull();
            assertThat(shaded.getEntry("com/example/signin/protocol/MagicLinkFormat.class")).isNotNull();
        }
        Path plain = Files.list(Path.of("target")).filter(p -> p.getFileName().toString().matches("lambdas-.*\\.jar")).findFirst().orElseThrow();
        try (ZipFile main = new ZipFile(plain.toFile())) {
            assertThat(main.getEntry("org/slf4j/simple/SimpleServiceProvider.class")).isNull();
            assertThat(main.getEntry("com/example/signin/lambdas/SignInApiHandler.class")).isNotNull();
        }
    }
}
