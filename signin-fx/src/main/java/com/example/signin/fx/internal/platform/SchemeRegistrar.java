package com.example.signin.fx.internal.platform;

import com.example.signin.fx.AppFolders;
import com.example.signin.fx.LauncherCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes this app the handler of its URL scheme, so that clicking a sign-in link starts it (or
 * hands the link to the running copy):
 * <ul>
 *   <li>Linux: {@code $XDG_DATA_HOME/applications/magic-link-signin.desktop} with
 *       {@code Exec=<launcher> %u} and {@code MimeType=x-scheme-handler/<scheme>;}, then
 *       {@code update-desktop-database} and {@code xdg-mime default};</li>
 *   <li>Windows: {@code HKCU\Software\Classes\<scheme>} with {@code URL Protocol} and
 *       {@code shell\open\command} = the {@link LauncherCommand} itself (an executable with its
 *       arguments, never a {@code .cmd} script that cmd.exe would parse), then {@code --} and
 *       {@code "%1"}, imported with {@code reg.exe import} from a {@code .reg} file;</li>
 *   <li>macOS: nothing to write; the app bundle's Info.plist declares the scheme and the running
 *       app receives links through {@code Desktop.setOpenURIHandler}.</li>
 * </ul>
 * On Linux the OS runs a launcher script in the data folder ({@code bin/magic-link-signin}), which
 * holds the {@link LauncherCommand}. The link always follows {@code --}, so it is never read as an
 * option. Every step is idempotent. A missing tool is logged in a sentence
 * and does not stop the app (the person can still paste the link).
 */
public final class SchemeRegistrar {

    static final String MARKER = "scheme-registration";
    /** The registry file the Windows registration imports (kept, so a start can tell it is current). */
    static final String WINDOWS_REG_FILE = "scheme-handler.reg";
    private static final Logger LOG = LoggerFactory.getLogger(SchemeRegistrar.class);

    /** Runs an external tool; tests can watch or replace it. */
    public interface CommandRunner {
        /**
         * Runs {@code command} with {@code environment} and returns its exit code.
         *
         * @throws IOException when the program cannot be started (not installed)
         */
        int run(List<String> command, Map<String, String> environment) throws IOException;

        /** Runs real processes, each bounded to 30 seconds, output discarded. */
        CommandRunner PROCESSES = (command, environment) -> {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return -1;
                }
                return process.exitValue();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                return -1;
            }
        };
    }

    private final AppFolders.Os os;
    private final Map<String, String> environment;
    private final Path home;
    private final Path dataDir;
    private final String scheme;
    private final LauncherCommand launcher;
    private final CommandRunner runner;
    /** Names the launcher script and the desktop entry, so two host apps never overwrite each other's. */
    private final String appName;

    public SchemeRegistrar(AppFolders.Os os, Map<String, String> environment, Path home, Path dataDir, String scheme,
            LauncherCommand launcher, CommandRunner runner) {
        this(AppFolders.APP_NAME, os, environment, home, dataDir, scheme, launcher, runner);
    }

    /** The registrar of the app named {@code appName} (its launcher script and desktop entry carry that name). */
    public SchemeRegistrar(String appName, AppFolders.Os os, Map<String, String> environment, Path home, Path dataDir,
            String scheme, LauncherCommand launcher, CommandRunner runner) {
        this.appName = Objects.requireNonNull(appName, "appName");
        this.os = Objects.requireNonNull(os, "os");
        this.environment = Map.copyOf(environment);
        this.home = Objects.requireNonNull(home, "home");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** The launcher script the OS runs with the link (Linux; Windows runs the command itself). */
    public Path launcherScript() {
        return dataDir.resolve("bin").resolve(appName);
    }

    /** The script earlier versions registered on Windows; removed, since cmd.exe parsed the link. */
    private Path oldWindowsScript() {
        return dataDir.resolve("bin").resolve(appName + ".cmd");
    }

    private String desktopFileName() {
        return appName + ".desktop";
    }

    /** The Linux desktop entry. */
    public Path desktopFile() {
        return AppFolders.xdgDataHome(environment, home).resolve("applications").resolve(desktopFileName());
    }

    /**
     * At every start: registers on the first run, keeps the launcher script current when the
     * app is registered, and does nothing after an explicit {@link #unregister()}.
     */
    public void registerOnFirstRun() throws IOException {
        String state = readMarker();
        if (state.isEmpty()) {
            LOG.info("First run: registering as the handler of {}:// links", scheme);
            register();
        } else if (state.equals("registered")) {
            if (os == AppFolders.Os.WINDOWS) {
                registerWindows();
            } else {
                writeLauncherScript();
            }
        }
    }

    /** Registers this app as the handler of its scheme. */
    public void register() throws IOException {
        switch (os) {
            case LINUX -> {
                writeLauncherScript();
                registerLinux();
            }
            case WINDOWS -> registerWindows();
            case MACOS -> LOG.info("On macOS the app bundle's Info.plist registers {}://; nothing to write", scheme);
        }
        writeMarker("registered");
    }

    /** Removes the registration (and remembers not to register again on the next start). */
    public void unregister() throws IOException {
        switch (os) {
            case LINUX -> {
                if (Files.deleteIfExists(desktopFile())) {
                    LOG.info("Removed {}", desktopFile());
                }
                runTool(List.of("update-desktop-database", desktopFile().getParent().toString()));
            }
            case WINDOWS -> {
                runTool(List.of("reg.exe", "delete", windowsKey(), "/f"));
                Files.deleteIfExists(dataDir.resolve(WINDOWS_REG_FILE));
            }
            case MACOS -> LOG.info("On macOS remove the app bundle to unregister {}://", scheme);
        }
        Files.deleteIfExists(launcherScript());
        writeMarker("unregistered");
        LOG.info("No longer the handler of {}:// links", scheme);
    }

    private void registerLinux() throws IOException {
        Path file = desktopFile();
        String content = "[Desktop Entry]\n"
                + "Type=Application\n"
                + "Name=Magic-link sign-in\n"
                + "Comment=Opens sign-in links in the desktop app\n"
                + "Exec=" + desktopExecQuote(launcherScript().toString()) + " %u\n"
                + "Terminal=false\n"
                + "NoDisplay=true\n"
                + "MimeType=x-scheme-handler/" + scheme + ";\n";
        writeIfChanged(file, content, false);
        LOG.info("Wrote the desktop entry {}", file);
        runTool(List.of("update-desktop-database", file.getParent().toString()));
        runTool(List.of("xdg-mime", "default", desktopFileName(), "x-scheme-handler/" + scheme));
    }

    /**
     * Imports the keys from a {@code .reg} file (whose escaping is exact, unlike {@code reg.exe add}'s
     * own command line), only when the command changed since the last import.
     */
    private void registerWindows() throws IOException {
        Path regFile = dataDir.resolve(WINDOWS_REG_FILE);
        byte[] content = windowsRegistryFile(scheme, windowsHandlerCommand(launcher.commandLine()));
        boolean changed = writeIfChanged(regFile, content, false);
        Files.deleteIfExists(oldWindowsScript());
        if (changed) {
            runTool(List.of("reg.exe", "import", regFile.toString()));
            LOG.info("Registered {}:// in HKCU\\Software\\Classes", scheme);
        }
    }

    private String windowsKey() {
        return "HKCU\\Software\\Classes\\" + scheme;
    }

    /**
     * The {@code shell\open\command} value: every part quoted by the rules Windows programs use to
     * split their command line (so each comes back as exactly one argument), then {@code --} and
     * {@code "%1"}: whatever the link holds, the app reads it as the link, never as an option.
     *
     * @throws IOException when a part holds {@code %}, which the shell would read as a placeholder
     */
    static String windowsHandlerCommand(List<String> commandLine) throws IOException {
        StringBuilder command = new StringBuilder();
        for (String part : commandLine) {
            if (part.indexOf('%') >= 0) {
                throw new IOException("The handler command cannot hold '%' (Windows would read it as a placeholder): " + part
                        + ". Install the app or choose a data folder whose path has no '%'.");
            }
            command.append(windowsQuote(part)).append(' ');
        }
        return command.append("-- \"%1\"").toString();
    }

    /**
     * One argument as the Microsoft C runtime and {@code CommandLineToArgvW} split it back: always
     * in double quotes; a quote becomes {@code \"}, and backslashes are doubled where they precede
     * a quote (also the closing one).
     */
    static String windowsQuote(String argument) {
        StringBuilder quoted = new StringBuilder("\"");
        int backslashes = 0;
        for (char c : argument.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == '"') {
                quoted.append("\\".repeat(backslashes * 2 + 1)).append('"');
            } else {
                quoted.append("\\".repeat(backslashes)).append(c);
            }
            backslashes = 0;
        }
        return quoted.append("\\".repeat(backslashes * 2)).append('"').toString();
    }

    /** A {@code .reg} file (version 5: UTF-16LE with a byte-order mark) with the scheme's keys. */
    static byte[] windowsRegistryFile(String scheme, String command) {
        String key = "HKEY_CURRENT_USER\\Software\\Classes\\" + scheme;
        String text = "Windows Registry Editor Version 5.00\r\n\r\n"
                + "[" + key + "]\r\n"
                + "@=\"URL:Magic-link sign-in\"\r\n"
                + "\"URL Protocol\"=\"\"\r\n\r\n"
                + "[" + key + "\\shell\\open\\command]\r\n"
                + "@=" + regString(command) + "\r\n";
        return ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE);
    }

    private static String regString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Writes the (POSIX) launcher script; returns without writing when it is already current. With
     * one argument (a link, as the desktop entry passes it) it first offers the link to the running
     * app through its named pipe ({@link LinkPipe}), which needs no JVM; otherwise, or when no app
     * reads the pipe, it runs the launcher command.
     */
    void writeLauncherScript() throws IOException {
        StringBuilder script = new StringBuilder("#!/bin/sh\n# Written by the app at start-up; opens sign-in links.\n")
                .append(PIPE_HAND_OVER)
                .append("if [ \"$#\" -eq 1 ] && hand_over_through_pipe \"$1\" ")
                .append(shellQuote(LinkPipe.pipePath(dataDir).toString())).append("; then\n  exit 0\nfi\nexec");
        for (String part : launcher.commandLine()) {
            script.append(' ').append(shellQuote(part));
        }
        writeIfChanged(launcherScript(), script.append(" -- \"$@\"\n").toString().getBytes(StandardCharsets.UTF_8), true);
    }

    /** The shell function {@code hand_over_through_pipe LINK PIPE}; the .deb's {@code open-link} uses the same file. */
    static final String PIPE_HAND_OVER = readResource("link-pipe.sh");

    private static String readResource(String name) {
        try (java.io.InputStream in = SchemeRegistrar.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the sign-in library's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void writeIfChanged(Path file, String content, boolean executable) throws IOException {
        writeIfChanged(file, content.getBytes(StandardCharsets.UTF_8), executable);
    }

    /** Writes {@code content} atomically unless the file already holds it; true when it wrote. */
    private boolean writeIfChanged(Path file, byte[] content, boolean executable) throws IOException {
        try {
            if (java.util.Arrays.equals(Files.readAllBytes(file), content)) {
                return false;
            }
        } catch (NoSuchFileException e) {
            // first time
        }
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(temp, content);
        if (PrivateFiles.isPosix(temp)) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(executable ? "rwx------" : "rw-r--r--"));
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private void runTool(List<String> command) {
        try {
            int exit = runner.run(command, environment);
            if (exit != 0) {
                LOG.warn("{} ended with exit code {}; the {}:// registration may be incomplete", command.get(0), exit, scheme);
            }
        } catch (IOException e) {
            LOG.warn("{} is not available ({}); links open only if the desktop reads the registration itself. "
                    + "Install it (Debian: xdg-utils, desktop-file-utils) or paste the link into the app.",
                    command.get(0), e.getMessage());
        }
    }

    private String readMarker() throws IOException {
        try {
            return Files.readString(dataDir.resolve(MARKER), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    private void writeMarker(String state) throws IOException {
        PrivateFiles.writeAtomically(dataDir.resolve(MARKER), (state + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** One argument for a POSIX shell. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * One argument of a desktop entry's Exec key: as it is when it has no reserved character, else
     * double-quoted with {@code " ` $ \} escaped
     * (the Exec rules), then every backslash doubled (the string-value rules), as the spec says.
     */
    static String desktopExecQuote(String s) {
        if (s.matches("[A-Za-z0-9/._+,=@:~-]+")) {
            // Unquoted where the spec allows it: xdg-open's generic mode does not understand quotes.
            return s;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '`' || c == '$' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        quoted.append('"');
        return quoted.toString().replace("\\", "\\\\").replace("%", "%%");
    }
}
