package com.example.signin.fx;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The user's desktop as the sign-in sees it: the app's folders, the environment variables (for
 * the XDG folders), the home folder, the OS family and the command the OS runs with a clicked
 * link. {@link #current} reads them from this process; tests give their own so nothing touches
 * the real home folder.
 *
 * @param appName   names the folders, the launcher script and the desktop entry ({@code my-app})
 * @param folders   the app's data and config folders
 * @param variables the environment variables
 * @param home      the home folder
 * @param os        the OS family
 * @param launcher  the command the OS runs with a link (the link follows {@code --} at its end)
 */
public record DesktopEnvironment(String appName, AppFolders folders, Map<String, String> variables, Path home,
        AppFolders.Os os, LauncherCommand launcher) {

    /**
     * Checks the parts.
     *
     * @param appName the app's folder name
     * @param folders the app's data and config folders
     * @param variables the environment variables
     * @param home the home folder
     * @param os the OS family
     * @param launcher the command the OS runs with a link
     * @throws NullPointerException when a part is missing
     */
    public DesktopEnvironment {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(folders, "folders");
        variables = Map.copyOf(variables);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(launcher, "launcher");
    }

    /**
     * This process's desktop for the app named {@code appName}: its OS, environment and home
     * folder, the OS's data folder (or {@code dataDir}), and this process's command with
     * {@code mainClass} and {@code appArgs} as the launcher.
     *
     * @param appName   the app's folder name, e.g. {@code my-app}
     * @param dataDir   a data folder instead of the OS's, if any
     * @param mainClass the class whose {@code main} the OS runs with a link
     * @param appArgs   arguments that go before the link (e.g. {@code --data-dir DIR})
     * @return the environment
     */
    public static DesktopEnvironment current(String appName, Optional<Path> dataDir, Class<?> mainClass,
            List<String> appArgs) {
        return new DesktopEnvironment(appName, AppFolders.forCurrentUser(appName, dataDir), System.getenv(),
                Path.of(System.getProperty("user.home")), AppFolders.Os.current(),
                LauncherCommand.ofCurrentProcess(mainClass.getName(), appArgs));
    }
}
