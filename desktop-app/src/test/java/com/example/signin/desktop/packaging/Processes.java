package com.example.signin.desktop.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command with a small, explicit environment and a time bound; output and error merged. */
final class Processes {

    record Result(int exitCode, String output, Duration took) {
    }

    private Processes() {
    }

    /** PATH and LANG only, plus {@code extra}: nothing of the developer's desktop leaks in. */
    static Map<String, String> cleanEnvironment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        env.putAll(extra);
        return env;
    }

    static Result run(List<String> command, Map<String, String> environment, Duration timeout) throws IOException,
            InterruptedException {
        Path output = Files.createTempFile("process", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(environment);
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(command + " did not end within " + timeout + "; output:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8), took);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
