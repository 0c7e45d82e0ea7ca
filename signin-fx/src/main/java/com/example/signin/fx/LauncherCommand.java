package com.example.signin.fx;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The command that starts this app again, for the OS to run when a sign-in link is opened: the
 * jpackage launcher of an installed copy, or else the running Java binary with its class path
 * (and module path), the JVM's system properties and the launcher class; then the app arguments
 * that pick the same data folder and configuration. The link goes after {@code --} at the end
 * (see {@link #commandLine()} users), so it can never be read as an option.
 *
 * @param program          the executable: the jpackage launcher, or {@code java}/{@code javaw.exe}
 * @param programArguments what the executable needs before the app's own arguments
 *                         ({@code -cp ... -D... com.example.signin.desktop.Main}); empty for a launcher
 * @param appArgs          the app's arguments ({@code --data-dir DIR ...}); the link follows them
 */
public record LauncherCommand(Path program, List<String> programArguments, List<String> appArgs) {

    /** The system property a jpackage launcher sets to its own path. */
    static final String JPACKAGE_APP_PATH = "jpackage.app-path";

    /**
     * Checks the parts and copies the lists.
     *
     * @param program the executable
     * @param programArguments what the executable needs before the app's arguments
     * @param appArgs the app's arguments before the link
     * @throws NullPointerException when a part is missing
     */
    public LauncherCommand {
        Objects.requireNonNull(program, "program");
        programArguments = List.copyOf(programArguments);
        appArgs = List.copyOf(appArgs);
    }

    /**
     * {@code java [jvmOptions] mainClass [appArgs]}.
     *
     * @param java       the {@code java} binary
     * @param jvmOptions options before the main class
     * @param mainClass  the class whose {@code main} gets the link
     * @param appArgs    the app's arguments before the link
     */
    public LauncherCommand(Path java, List<String> jvmOptions, String mainClass, List<String> appArgs) {
        this(java, concat(jvmOptions, List.of(Objects.requireNonNull(mainClass, "mainClass"))), appArgs);
    }

    /**
     * The command of this very process, with {@code appArgs} after it: its jpackage launcher when
     * it was started by one, else its JVM with the class path and {@code mainClass}.
     *
     * @param mainClass the class whose {@code main} gets the link
     * @param appArgs   the app's arguments before the link
     * @return the command
     */
    public static LauncherCommand ofCurrentProcess(String mainClass, List<String> appArgs) {
        String appPath = System.getProperty(JPACKAGE_APP_PATH);
        if (appPath != null && !appPath.isBlank()) {
            return new LauncherCommand(Path.of(appPath), List.of(), appArgs);
        }
        Path javaHome = Path.of(System.getProperty("java.home"));
        boolean windows = AppFolders.Os.current() == AppFolders.Os.WINDOWS;
        Path java = javaHome.resolve("bin").resolve(windows ? "javaw.exe" : "java");
        List<String> options = new ArrayList<>();
        options.add("-cp");
        options.add(System.getProperty("java.class.path"));
        Optional.ofNullable(System.getProperty("jdk.module.path")).filter(p -> !p.isBlank()).ifPresent(mp -> {
            options.add("--module-path");
            options.add(mp);
            options.add("--add-modules=ALL-MODULE-PATH");
        });
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // System properties and heap size carry over (headless settings, file encoding);
            // agents, debuggers and the like do not.
            if ((argument.startsWith("-D") && !argument.startsWith("-Djava.class.path"))
                    || argument.startsWith("-Xmx") || argument.startsWith("-Xms")
                    || argument.startsWith("--add-opens") || argument.startsWith("--add-exports")) {
                options.add(argument);
            }
        }
        return new LauncherCommand(java, options, mainClass, appArgs);
    }

    /**
     * The whole command line, link excluded (and the {@code --} before it).
     *
     * @return the program and its arguments
     */
    public List<String> commandLine() {
        List<String> all = new ArrayList<>();
        all.add(program.toString());
        all.addAll(programArguments);
        all.addAll(appArgs);
        return all;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
