package com.example.signin.fx;

import com.example.signin.fx.internal.platform.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the app keeps its data (logs, pending request, fallback token file, the instance
 * socket, the local backend's data) and reads its configuration, by each OS's convention:
 * <ul>
 *   <li>Linux and other Unix: {@code $XDG_DATA_HOME/<app>} (default {@code ~/.local/share/<app>})
 *       and {@code $XDG_CONFIG_HOME/<app>} (default {@code ~/.config/<app>});</li>
 *   <li>macOS: {@code ~/Library/Application Support/<app>} for both;</li>
 *   <li>Windows: {@code %LOCALAPPDATA%\<app>} for data, {@code %APPDATA%\<app>} for config.</li>
 * </ul>
 *
 * @param dataDir   the data folder (possibly from {@code --data-dir})
 * @param configDir the folder whose {@code config.json} is read when no {@code --config} is given
 */
public record AppFolders(Path dataDir, Path configDir) {

    /** The desktop app's folder name under the OS's data and config folders. */
    public static final String APP_NAME = "magic-link-signin";

    /**
     * The desktop app's folders ({@value #APP_NAME}) for this process's OS, environment and home folder.
     *
     * @param dataDirOverride a data folder instead of the OS's, if any
     * @return the folders
     */
    public static AppFolders forCurrentUser(Optional<Path> dataDirOverride) {
        return forCurrentUser(APP_NAME, dataDirOverride);
    }

    /**
     * The folders of the app named {@code appName} for this process's OS, environment and home folder.
     *
     * @param appName         the app's folder name
     * @param dataDirOverride a data folder instead of the OS's, if any
     * @return the folders
     */
    public static AppFolders forCurrentUser(String appName, Optional<Path> dataDirOverride) {
        return resolve(appName, System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")),
                dataDirOverride);
    }

    /**
     * The desktop app's folders for the given OS name, environment and home folder.
     *
     * @param osName          the {@code os.name} property's value
     * @param env             the environment variables
     * @param home            the home folder
     * @param dataDirOverride a data folder instead of the OS's, if any
     * @return the folders
     */
    public static AppFolders resolve(String osName, Map<String, String> env, Path home, Optional<Path> dataDirOverride) {
        return resolve(APP_NAME, osName, env, home, dataDirOverride);
    }

    /**
     * The folders of the app named {@code appName} for the given OS name, environment and home folder.
     *
     * @param appName         the app's folder name
     * @param osName          the {@code os.name} property's value
     * @param env             the environment variables
     * @param home            the home folder
     * @param dataDirOverride a data folder instead of the OS's, if any
     * @return the folders
     */
    public static AppFolders resolve(String appName, String osName, Map<String, String> env, Path home,
            Optional<Path> dataDirOverride) {
        Os os = Os.of(osName);
        Path data = dataDirOverride.map(p -> p.toAbsolutePath().normalize())
                .orElseGet(() -> defaultData(os, env, home).resolve(appName));
        return new AppFolders(data, defaultConfig(os, env, home).resolve(appName));
    }

    /**
     * Creates the data folder if needed, readable by this user only (0700 where the file system
     * has POSIX permissions), before anything (a log, a token) is written into it.
     *
     * @return the data folder
     * @throws IOException when it cannot be created or made private
     */
    public Path createPrivateDataDir() throws IOException {
        return PrivateFiles.createPrivateDirectory(dataDir);
    }

    /** The OS families whose conventions differ. */
    public enum Os {
        /** Linux and other Unix: the XDG folders. */
        LINUX,
        /** macOS: {@code ~/Library/Application Support}. */
        MACOS,
        /** Windows: {@code %LOCALAPPDATA%} and {@code %APPDATA%}. */
        WINDOWS;

        /**
         * The family of an {@code os.name}.
         *
         * @param osName the {@code os.name} property's value
         * @return the family (Linux for anything unknown)
         */
        public static Os of(String osName) {
            String name = osName.toLowerCase(Locale.ROOT);
            if (name.startsWith("windows")) {
                return WINDOWS;
            }
            if (name.startsWith("mac") || name.startsWith("darwin")) {
                return MACOS;
            }
            return LINUX;
        }

        /**
         * This process's OS family.
         *
         * @return the family
         */
        public static Os current() {
            return of(System.getProperty("os.name", ""));
        }
    }

    /** The OS folder that holds every app's data folder. */
    private static Path defaultData(Os os, Map<String, String> env, Path home) {
        return switch (os) {
            case WINDOWS -> envPath(env, "LOCALAPPDATA").orElse(home.resolve("AppData").resolve("Local"));
            case MACOS -> home.resolve("Library").resolve("Application Support");
            case LINUX -> xdgDataHome(env, home);
        };
    }

    /** The OS folder that holds every app's config folder. */
    private static Path defaultConfig(Os os, Map<String, String> env, Path home) {
        return switch (os) {
            case WINDOWS -> envPath(env, "APPDATA").orElse(home.resolve("AppData").resolve("Roaming"));
            case MACOS -> home.resolve("Library").resolve("Application Support");
            case LINUX -> envPath(env, "XDG_CONFIG_HOME").orElse(home.resolve(".config"));
        };
    }

    /**
     * {@code $XDG_DATA_HOME}, or {@code ~/.local/share} when unset or not absolute (as the spec says).
     *
     * @param env  the environment variables
     * @param home the home folder
     * @return the folder
     */
    public static Path xdgDataHome(Map<String, String> env, Path home) {
        return envPath(env, "XDG_DATA_HOME").orElse(home.resolve(".local").resolve("share"));
    }

    private static Optional<Path> envPath(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        // The XDG spec: a relative path in these variables is invalid and must be ignored.
        return path.isAbsolute() ? Optional.of(path) : Optional.empty();
    }
}
