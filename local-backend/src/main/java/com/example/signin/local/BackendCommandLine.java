package com.example.signin.local;

import com.example.signin.protocol.Setting;
import com.example.signin.protocol.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local backend's command line: {@code --data-dir}, {@code --port}, {@code --settings FILE}
 * (a JSON object with the keys of {@code cdk.json}'s context, or a whole {@code cdk.json}) and one
 * option per function setting of {@link Setting} ({@code --sign-up-mode invite-only}). The options
 * and their help come from the catalog, so a new setting needs no code here. An option beats the
 * file, the file beats the default.
 *
 * <p>Read here rather than with picocli: picocli ships Java 5 class files, which AppCDS cannot
 * archive, so its 143 classes were loaded and verified from the jar at every start (about 160 ms of
 * a 0.8 s start to the first answer).
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
        List<Option> options = options();
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                return new Parsed(null, usage(options));
            }
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            Option option = options.stream().filter(o -> o.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(arg.startsWith("-")
                            ? "Unknown option: '" + name + "'" : "Unexpected argument: '" + arg + "' (options take the form --name VALUE)"));
            String value;
            if (eq > 0 && arg.startsWith("--")) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("Missing value for option '" + name + "' (" + option.label() + ")");
            }
            if (given.put(name, value) != null) {
                throw new IllegalArgumentException("Option '" + name + "' is given more than once");
            }
        }
        Settings settings = Settings.defaults();
        if (given.containsKey("--settings")) {
            settings = readFile(Path.of(given.get("--settings")));
        }
        for (Setting s : Setting.values()) {
            if (s.scope() == Setting.Scope.FUNCTIONS && given.containsKey(s.option())) {
                settings = settings.with(s, given.get(s.option()), s.option());
            }
        }
        if (!given.containsKey("--data-dir")) {
            throw new IllegalArgumentException("--data-dir is required: the folder that keeps users, link records and keys.");
        }
        int port = parsePort(given.getOrDefault("--port", "0"));
        return new Parsed(LocalBackendOptions.builder()
                .dataDir(Path.of(given.get("--data-dir")))
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

    /** One option that takes a value: its name, the value's label in the help, and what it does. */
    private record Option(String name, String label, String description) {
    }

    private static List<Option> options() {
        List<Option> options = new ArrayList<>(List.of(
                new Option("--data-dir", "DIR", "The folder that keeps users, link records, refresh tokens and keys (required)."),
                new Option("--port", "N", "0 (the default) reuses the previous port of DIR if free, else any free port."),
                new Option("--settings", "FILE", "A JSON file with the keys of cdk.json's context (or cdk.json itself).")));
        for (Setting s : Setting.values()) {
            if (s.scope() == Setting.Scope.FUNCTIONS && s != Setting.LINK_BASE) {
                options.add(new Option(s.option(), "VALUE", s.description() + " Allowed: " + s.allowed() + "."
                        + s.defaultValue().filter(d -> !d.isEmpty()).map(d -> " Default: " + d + ".").orElse("")));
            }
        }
        return options;
    }

    private static String usage(List<Option> options) {
        StringBuilder out = new StringBuilder("Usage: java -jar local-backend.jar [-h] [--NAME VALUE]...\n")
                .append("Runs the embedded sign-in backend on 127.0.0.1 until Ctrl-C.\n")
                .append("  -h, --help\n      Prints this help.\n");
        for (Option o : options) {
            out.append("  ").append(o.name()).append(' ').append(o.label()).append('\n');
            wrap(out, o.description(), "      ", 100);
        }
        return out.toString();
    }

    private static void wrap(StringBuilder out, String text, String indent, int width) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                out.append(line).append('\n');
                line = new StringBuilder(indent);
            }
            line.append(line.length() > indent.length() ? " " : "").append(word);
        }
        out.append(line).append('\n');
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
