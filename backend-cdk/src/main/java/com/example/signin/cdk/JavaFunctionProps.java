package com.example.signin.cdk;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link JavaFunction} runs and with what.
 *
 * @param handlerClass     simple name of the handler in {@code com.example.signin.lambdas}
 * @param description      one line for the console
 * @param jar              the shaded jar (asset)
 * @param environment      the variables CONTRACTS.md lists for this handler, nothing else
 * @param memoryMb         memory (and so CPU)
 * @param logRetentionDays how long its log group keeps events
 */
public record JavaFunctionProps(String handlerClass, String description, Path jar, Map<String, String> environment,
                                int memoryMb, int logRetentionDays) {

    public JavaFunctionProps {
        Objects.requireNonNull(handlerClass, "handlerClass");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(jar, "jar");
        environment = Map.copyOf(environment);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String handlerClass;
        private String description = "";
        private Path jar;
        private Map<String, String> environment = Map.of();
        private int memoryMb = 1024;
        private int logRetentionDays = 30;

        private Builder() {
        }

        public Builder handlerClass(String v) { handlerClass = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder jar(Path v) { jar = v; return this; }
        public Builder environment(Map<String, String> v) { environment = v; return this; }
        public Builder memoryMb(int v) { memoryMb = v; return this; }
        public Builder logRetentionDays(int v) { logRetentionDays = v; return this; }

        public JavaFunctionProps build() {
            return new JavaFunctionProps(handlerClass, description, jar, environment, memoryMb, logRetentionDays);
        }
    }
}
