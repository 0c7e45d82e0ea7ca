package com.example.signin.desktop.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads whether the OS asks for dark windows: GNOME's {@code color-scheme}, macOS's
 * {@code AppleInterfaceStyle}, Windows's {@code AppsUseLightTheme}. Each is one short command
 * with a time limit; anything unexpected means "unknown", and the app stays light.
 * {@code -Dsignin.theme=dark|light} overrides it.
 */
public final class OsColorScheme {

    private static final Logger LOG = LoggerFactory.getLogger(OsColorScheme.class);
    private static final long TIMEOUT_MILLIS = 1500;

    private OsColorScheme() {
    }

    /** Whether the OS prefers dark; empty when it cannot be told. Blocks for at most about 1.5 s. */
    public static Optional<Boolean> prefersDark() {
        String override = System.getProperty("signin.theme", "").strip().toLowerCase(Locale.ROOT);
        if (override.equals("dark") || override.equals("light")) {
            return Optional.of(override.equals("dark"));
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        try {
            if (os.contains("mac")) {
                // Prints "Dark" in dark mode; fails (no such key) in light mode.
                Optional<String> out = run(List.of("defaults", "read", "-g", "AppleInterfaceStyle"));
                return Optional.of(out.map(s -> s.toLowerCase(Locale.ROOT).contains("dark")).orElse(false));
            }
            if (os.contains("win")) {
                return run(List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                        "/v", "AppsUseLightTheme")).flatMap(OsColorScheme::parseWindows);
            }
            return run(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"))
                    .flatMap(OsColorScheme::parseGnome);
        } catch (RuntimeException e) {
            LOG.debug("Cannot read the OS colour scheme", e);
            return Optional.empty();
        }
    }

    /** {@code 'prefer-dark'} / {@code 'default'} / {@code 'prefer-light'}. */
    static Optional<Boolean> parseGnome(String output) {
        String value = output.strip().replace("'", "");
        return switch (value) {
            case "prefer-dark" -> Optional.of(true);
            case "default", "prefer-light" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** {@code AppsUseLightTheme    REG_DWORD    0x0}: 0 means dark. */
    static Optional<Boolean> parseWindows(String output) {
        for (String line : output.split("\\R")) {
            if (line.contains("AppsUseLightTheme")) {
                String[] parts = line.strip().split("\\s+");
                String value = parts[parts.length - 1];
                if (value.equals("0x0")) {
                    return Optional.of(true);
                }
                if (value.equals("0x1")) {
                    return Optional.of(false);
                }
            }
        }
        return Optional.empty();
    }

    /** The command's output when it exits 0 within the time limit. */
    private static Optional<String> run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Optional.empty(); // the tool is not installed
        }
        try (InputStream in = process.getInputStream()) {
            if (!process.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(new String(in.readNBytes(4096), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return Optional.empty();
        }
    }
}
