package com.example.signin.lambdas.internal;

import com.example.signin.protocol.Settings;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads settings from a map of environment variables, once, at construction time of a handler.
 * Every failure names the variable and what it expects, so a deployment error is fixed from the
 * first log line.
 */
public final class Environment {

    private final Map<String, String> variables;

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    /**
     * The deployment settings ({@link Settings#fromEnvironment}) of these variables.
     *
     * @throws ConfigurationException naming the first bad variable
     */
    public Settings settings() {
        try {
            return Settings.fromEnvironment(variables);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /** The trimmed value, or empty when the variable is unset or blank. */
    public Optional<String> optional(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.strip());
    }

    /** The trimmed value; {@code expectation} completes "NAME must be set to ...". */
    public String required(String name, String expectation) {
        return optional(name).orElseThrow(() -> new ConfigurationException(
                name + " is not set: it must be " + expectation + "."));
    }

    /** A whole number in {@code [min, max]}, {@code fallback} when unset. */
    public int integer(String name, int fallback, int min, int max, String unit) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the expectation
        }
        throw new ConfigurationException(name + " must be a whole number of " + unit + " from " + min + " to " + max
                + " (default " + fallback + "), not: " + raw.get());
    }

    /** One of {@code choices} (case-insensitive, returned in lower case), {@code fallback} when unset. */
    public String choice(String name, String fallback, String... choices) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        for (String choice : choices) {
            if (choice.equalsIgnoreCase(raw.get())) {
                return choice;
            }
        }
        throw new ConfigurationException(name + " must be one of " + String.join(", ", choices)
                + " (default " + fallback + "), not: " + raw.get());
    }

    /** Wraps a validation of a value that already has its own sentence. */
    public <T> T parsed(String name, String expectation, java.util.function.Function<String, T> parser, String raw) {
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(name + " must be " + expectation + ": " + e.getMessage(), e);
        }
    }
}
