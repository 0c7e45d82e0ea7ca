package com.example.signin.local;

import com.example.signin.protocol.Setting;
import com.example.signin.protocol.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The local backend's command line: {@code --data-dir}, {@code --port}, {@code --settings FILE}
 * (a JSON object with the keys of {@code cdk.json}'s context, or a whole {@code cdk.json}) and one
 * option per function setting of {@link Setting} ({@code --sign-up-mode invite-only}). The options
 * and their help come from the catalog, so a new setting needs no code here. An option beats the
 * file, the file beats the default.
 */
public final class BackendCommandLine {

    /** What the command line asks for: options to start with, or only the help text. */
    public record Parsed(LocalBackendOptions options, String help) {
    }

    private BackendCommandLine() {
    }

    /**
     * @throws IllegalArgumentException with a sentence naming the bad option, file or key
     */
    public static Parsed parse(String... args) {
        CommandSpec spec = spec();
        ParseResult result;
        try {
            result = new picocli.CommandLine(spec).parseArgs(args);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (result.isUsageHelpRequested()) {
            return new Parsed(null, usage(spec));
        }
        Settings settings = Settings.defaults();
        if (result.hasMatchedOption("--settings")) {
            settings = readFile(Path.of(result.<String>matchedOptionValue("--settings", null)));
        }
        for (Setting s : Setting.values()) {
            if (s.scope() == Setting.Scope.FUNCTIONS && result.hasMatchedOption(s.option())) {
                settings = settings.with(s, result.matchedOptionValue(s.option(), ""), s.option());
            }
        }
        if (!result.hasMatchedOption("--data-dir")) {
            throw new IllegalArgumentException("--data-dir is required: the folder that keeps users, link records and keys.");
        }
        int port = parsePort(result.matchedOptionValue("--port", "0"));
        return new Parsed(LocalBackendOptions.builder()
                .dataDir(Path.of(result.<String>matchedOptionValue("--data-dir", null)))
                .port(port)
                .settings(settings)
                .build(), null);
    }

    /**
     * Reads a settings file: a flat object of setting keys, or a {@code cdk.json} whose
     * {@code context} holds them. Keys of AWS-only settings are accepted and have no effect here.
     */
    static Settings readFile(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("The settings file " + file + " cannot be read as JSON: " + e.getMessage(), e);
        }
        JsonNode object = root != null && root.path("context").isObject() ? root.get("context") : root;
        if (object == null || !object.isObject()) {
            throw new IllegalArgumentException("The settings file " + file + " must hold a JSON object of settings like "
                    + "{\"signUpMode\": \"invite-only\"}, or be a cdk.json with a \"context\" object.");
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue().isContainerNode()
                ? containerText(e.getValue()) : e.getValue().isNull() ? null : e.getValue().asText()));
        return Settings.fromKeys(entries, "Settings file " + file);
    }

    private static String containerText(JsonNode node) {
        StringBuilder text = new StringBuilder();
        node.forEach(item -> text.append(text.length() == 0 ? "" : ",").append(item.asText()));
        return text.toString();
    }

    private static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("java -jar local-backend.jar");
        spec.usageMessage().description("Runs the embedded sign-in backend on 127.0.0.1 until Ctrl-C.");
        spec.mixinStandardHelpOptions(false);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Prints this help.").build());
        spec.addOption(OptionSpec.builder("--data-dir").paramLabel("DIR").type(String.class)
                .description("The folder that keeps users, link records, refresh tokens and keys (required).").build());
        spec.addOption(OptionSpec.builder("--port").paramLabel("N").type(String.class)
                .description("0 (the default) reuses the previous port of DIR if free, else any free port.").build());
        spec.addOption(OptionSpec.builder("--settings").paramLabel("FILE").type(String.class)
                .description("A JSON file with the keys of cdk.json's context (or cdk.json itself).").build());
        for (Setting s : Setting.values()) {
            if (s.scope() == Setting.Scope.FUNCTIONS && s != Setting.LINK_BASE) {
                spec.addOption(OptionSpec.builder(s.option()).paramLabel("VALUE").type(String.class)
                        .description(s.description() + " Allowed: " + s.allowed() + "."
                                + s.defaultValue().filter(d -> !d.isEmpty()).map(d -> " Default: " + d + ".").orElse(""))
                        .build());
            }
        }
        return spec;
    }

    private static String usage(CommandSpec spec) {
        StringWriter out = new StringWriter();
        new picocli.CommandLine(spec).usage(new PrintWriter(out));
        return out.toString();
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port must be a number from 0 to 65535, not: " + text);
    }
}
