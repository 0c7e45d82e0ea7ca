package com.example.signin.desktop.platform;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The command that starts this app again, for the OS to run when a sign-in link is opened:
 * the running Java binary, its class path (and module path), the JVM's system properties, the
 * launcher class, and the app arguments that pick the same data folder and configuration. It is
 * written into a launcher script in the data folder that the scheme registration points to, so it
 * works from a Maven build as well as from an installed copy.
 *
 * @param java       the Java binary
 * @param jvmOptions options before the main class ({@code -cp ...}, {@code -D...})
 * @param mainClass  the launcher class
 * @param appArgs    arguments after the main class; the link is appended to them
 */
public record LauncherCommand(Path java, List<String> jvmOptions, String mainClass, List<String> appArgs) {

    public LauncherCommand {
        Objects.requireNonNull(java, "java");
        jvmOptions = List.copyOf(jvmOptions);
        Objects.requireNonNull(mainClass, "mainClass");
        appArgs = List.copyOf(appArgs);
    }

    /** The command of this very JVM, with {@code appArgs} after {@code mainClass}. */
    public static LauncherCommand ofCurrentProcess(String mainClass, List<String> appArgs) {
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

    /** The whole command line, link excluded. */
    public List<String> commandLine() {
        List<String> all = new ArrayList<>();
        all.add(java.toString());
        all.addAll(jvmOptions);
        all.add(mainClass);
        all.addAll(appArgs);
        return all;
    }
}
