package com.example.signin.desktop;

import com.example.signin.fx.LinkArguments;
import com.example.signin.fx.UiLanguage;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The command line: {@code [--data-dir DIR] [--config FILE] [--locale de|en] [--register-scheme | --unregister-scheme] [[--] LINK]}.
 *
 * <p>The link is the last argument: option parsing stops at it (or at {@code --}, which the
 * scheme registrations put before the link), and anything after it is refused rather than read,
 * since it can only come from a link that a shell or a careless mail client split. A link with a
 * quote, white space or a control character is refused before it is used at all: no sign-in link
 * has one, and they are what break a command line's quoting.
 *
 * @param dataDir          the data folder instead of the OS's
 * @param config           the backend configuration instead of the config folder's or the local backend
 * @param registerScheme   register as the scheme handler and exit
 * @param unregisterScheme remove the registration and exit
 * @param link             a sign-in link the OS asks the app to open
 * @param language         the screens' (and the mail's) language instead of the OS locale's
 */
public record LaunchArguments(Optional<Path> dataDir, Optional<Path> config, boolean registerScheme,
        boolean unregisterScheme, Optional<String> link, Optional<UiLanguage> language) {

    public static final String USAGE = "Usage: magic-link-signin [--data-dir DIR] [--config FILE] [--locale de|en] "
            + "[--register-scheme | --unregister-scheme] [[--] LINK]";

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
        Optional<UiLanguage> language = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                if (i + 1 >= args.length) {
                    throw bad("-- must be followed by the link to open.");
                }
                link = Optional.of(checkedLink(args, i + 1));
                break;
            }
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
                case "--locale" -> {
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw bad("--locale needs a language after it: " + UiLanguage.tags() + ".");
                        }
                        value = args[++i];
                    }
                    String tag = value;
                    language = Optional.of(UiLanguage.fromTag(tag).orElseThrow(() -> bad("--locale " + tag
                            + " is not a language of this app; use one of " + UiLanguage.tags() + ".")));
                }
                case "--register-scheme" -> register = true;
                case "--unregister-scheme" -> unregister = true;
                default -> {
                    if (arg.startsWith("--")) {
                        throw bad("Unknown option " + name + ".");
                    }
                    link = Optional.of(checkedLink(args, i));
                    i = args.length;
                }
            }
        }
        if (register && unregister) {
            throw bad("Use either --register-scheme or --unregister-scheme, not both.");
        }
        return new LaunchArguments(dataDir, config, register, unregister, link, language);
    }

    /** The link at {@code index}: the library's one rule for a link on a command line. */
    private static String checkedLink(String[] args, int index) {
        try {
            return LinkArguments.checked(args, index);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
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
