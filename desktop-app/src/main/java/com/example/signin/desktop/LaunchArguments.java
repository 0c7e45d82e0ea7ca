package com.example.signin.desktop;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The command line: {@code [--data-dir DIR] [--config FILE] [--register-scheme | --unregister-scheme] [LINK]}.
 *
 * @param dataDir          the data folder instead of the OS's
 * @param config           the backend configuration instead of the config folder's or the local backend
 * @param registerScheme   register as the scheme handler and exit
 * @param unregisterScheme remove the registration and exit
 * @param link             a sign-in link the OS asks the app to open
 */
public record LaunchArguments(Optional<Path> dataDir, Optional<Path> config, boolean registerScheme,
        boolean unregisterScheme, Optional<String> link) {

    public static final String USAGE = "Usage: magic-link-signin [--data-dir DIR] [--config FILE] "
            + "[--register-scheme | --unregister-scheme] [LINK]";

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong, then the usage
     */
    public static LaunchArguments parse(String... args) {
        Optional<Path> dataDir = Optional.empty();
        Optional<Path> config = Optional.empty();
        boolean register = false;
        boolean unregister = false;
        Optional<String> link = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inlineValue = null;
            if (arg.startsWith("--") && arg.contains("=")) {
                name = arg.substring(0, arg.indexOf('='));
                inlineValue = arg.substring(arg.indexOf('=') + 1);
            }
            switch (name) {
                case "--data-dir", "--config" -> {
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw bad(name + " needs a path after it.");
                        }
                        value = args[++i];
                    }
                    Path path = path(name, value);
                    if (name.equals("--data-dir")) {
                        dataDir = Optional.of(path);
                    } else {
                        config = Optional.of(path);
                    }
                }
                case "--register-scheme" -> register = true;
                case "--unregister-scheme" -> unregister = true;
                default -> {
                    if (arg.startsWith("--")) {
                        throw bad("Unknown option " + name + ".");
                    }
                    if (link.isPresent()) {
                        throw bad("Give at most one link to open.");
                    }
                    link = Optional.of(arg);
                }
            }
        }
        if (register && unregister) {
            throw bad("Use either --register-scheme or --unregister-scheme, not both.");
        }
        return new LaunchArguments(dataDir, config, register, unregister, link);
    }

    private static Path path(String option, String value) {
        if (value.isBlank()) {
            throw bad(option + " needs a path after it.");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw bad(option + " " + value + " is not a valid path: " + e.getReason() + ".");
        }
    }

    private static IllegalArgumentException bad(String sentence) {
        return new IllegalArgumentException(sentence + "\n" + USAGE);
    }
}
