package com.example.signin.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Template;

/**
 * Runs the pinned CDK CLI ({@code package.json}, installed by {@code npm ci}) on the built app the
 * way a deployer does: {@code cdk synth} reads {@code cdk.json}, whose app command starts plain
 * {@code java} with the classpath Maven wrote to {@code target/cdk-app.args}. No AWS credentials,
 * no network lookups.
 */
class CdkCliSynthTest {

    static final long TIMEOUT_SECONDS = 240;

    static Path cli;
    static Path moduleDir;

    @BeforeAll
    static void findCli() {
        moduleDir = Path.of("").toAbsolutePath();
        cli = Path.of(System.getProperty("cdk.cli", moduleDir.resolve("node_modules/.bin/cdk").toString()));
        assertThat(cli).as("The pinned CDK CLI is missing: run 'npm ci' in backend-cdk (Maven does it when node_modules is absent)")
                .isExecutable();
        assertThat(moduleDir.resolve("target/cdk-app.args")).as("Maven writes target/cdk-app.args in process-resources").isRegularFile();
    }

    @Test
    void pinnedCliIsVersion2() throws Exception {
        Result result = run(List.of(cli.toString(), "--version"));
        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output.strip()).startsWith("2.");
    }

    @Test
    void cdkSynthWritesTheTemplateOfferingTheDesktopConfiguration(@TempDir Path out) throws Exception {
        long start = System.nanoTime();
        Result result = run(List.of(cli.toString(), "synth", "--quiet", "--no-notices", "--no-version-reporting", "--no-lookups",
                "-c", "senderAddress=" + TestStacks.SENDER, "-c", "lambdaJar=" + TestStacks.smallJar(), "-o", out.toString()));
        System.out.printf("cdk synth through the CLI took %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));

        assertThat(result.exitCode).as(result.output).isZero();
        Path templateFile = out.resolve(SignInApp.STACK_NAME + ".template.json");
        assertThat(templateFile).isRegularFile();
        Template template = Template.fromString(Files.readString(templateFile));
        template.resourceCountIs("AWS::Lambda::Function", 8);
        template.resourceCountIs("AWS::Cognito::UserPool", 1);
        assertThat(template.findOutputs("*").keySet()).containsExactlyInAnyOrderElementsOf(MagicLinkBackend.APP_CONFIGURATION_KEYS);
    }

    @Test
    void synthWithoutSenderAddressSaysWhatToPass(@TempDir Path out) throws Exception {
        Result result = run(List.of(cli.toString(), "synth", "--quiet", "--no-notices", "--no-version-reporting", "--no-lookups",
                "-c", "lambdaJar=" + TestStacks.smallJar(), "-o", out.toString()));

        assertThat(result.exitCode).isNotZero();
        assertThat(result.output).contains("Context 'senderAddress' is missing").contains("-c senderAddress=");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("cdk-cli", ".log");
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command))
                .directory(moduleDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        // Offline and without credentials, like a fresh machine.
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("CDK_"));
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("CDK_DISABLE_CLI_TELEMETRY", "true");
        env.put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        Process process = pb.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("'" + String.join(" ", command) + "' did not finish in " + TIMEOUT_SECONDS + " s");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Result(process.exitValue(), output);
    }
}
