package com.example.signin.fx.internal.platform;

import com.example.signin.fx.AppFolders;
import com.example.signin.fx.LauncherCommand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.signin.fx.LinkArguments;
import java.nio.charset.StandardCharsets;

import com.example.signin.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class SchemeRegistrarTest {

    private static final String SCHEME = "com.example.signin";

    @TempDir
    Path root;

    private Path dataDir() {
        return root.resolve("data dir's"); // a space and a quote, to exercise the quoting
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", root.resolve("home").toString());
        env.put("XDG_DATA_HOME", root.resolve("xdg-data").toString());
        env.put("XDG_CONFIG_HOME", root.resolve("xdg-config").toString());
        return env;
    }

    private LauncherCommand launcher() {
        return new LauncherCommand(Path.of("/usr/bin/java"), List.of("-cp", "/a b/app.jar", "-Dx=y"),
                "com.example.signin.desktop.Main", List.of("--data-dir", dataDir().toString()));
    }

    private SchemeRegistrar linux(SchemeRegistrar.CommandRunner runner) {
        return new SchemeRegistrar(AppFolders.Os.LINUX, env(), root.resolve("home"), dataDir(), SCHEME, launcher(), runner);
    }

    @Test
    void linuxRegistrationWritesTheDesktopEntryUnderXdgDataHomeAndMakesItTheDefault() throws Exception {
        Tools.require("xdg-mime", "xdg-utils");
        SchemeRegistrar registrar = linux(SchemeRegistrar.CommandRunner.PROCESSES);
        registrar.register();

        Path desktop = root.resolve("xdg-data/applications/magic-link-signin.desktop");
        assertThat(registrar.desktopFile()).isEqualTo(desktop);
        String entry = Files.readString(desktop);
        assertThat(entry).contains("MimeType=x-scheme-handler/" + SCHEME + ";\n")
                .contains("NoDisplay=true\n")
                .contains("Exec=" + SchemeRegistrar.desktopExecQuote(registrar.launcherScript().toString()) + " %u\n");
        assertThat(run(List.of("xdg-mime", "query", "default", "x-scheme-handler/" + SCHEME)).strip())
                .isEqualTo("magic-link-signin.desktop");
    }

    @Test
    void theLauncherScriptPassesTheCommandAndTheLinkThroughUnchanged() throws Exception {
        LauncherCommand echo = new LauncherCommand(Path.of("/bin/echo"), List.of("-cp", "/a b/it's.jar"), "Main",
                List.of("--data-dir", dataDir().toString()));
        SchemeRegistrar registrar = new SchemeRegistrar(AppFolders.Os.LINUX, env(), root, dataDir(), SCHEME, echo,
                (c, e) -> 0);
        registrar.register();
        assertThat(Files.isExecutable(registrar.launcherScript())).isTrue();
        String output = run(List.of(registrar.launcherScript().toString(), "com.example.signin://signin#abc $HOME"));
        assertThat(output.strip()).isEqualTo("-cp /a b/it's.jar Main --data-dir " + dataDir() + " -- com.example.signin://signin#abc $HOME");
    }

    @Test
    void registeringTwiceChangesNothing() throws Exception {
        List<List<String>> commands = new ArrayList<>();
        SchemeRegistrar registrar = linux((c, e) -> {
            commands.add(c);
            return 0;
        });
        registrar.register();
        String first = Files.readString(registrar.desktopFile());
        long modified = Files.getLastModifiedTime(registrar.launcherScript()).toMillis();
        registrar.register();
        assertThat(Files.readString(registrar.desktopFile())).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(registrar.launcherScript()).toMillis()).isEqualTo(modified);
        try (var entries = Files.list(registrar.desktopFile().getParent())) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("magic-link-signin.desktop");
        }
        assertThat(commands).hasSize(4).allSatisfy(c -> assertThat(c.get(0)).isIn("update-desktop-database", "xdg-mime"));
    }

    @Test
    void missingToolsAreToleratedAndTheEntryIsStillWritten() throws Exception {
        SchemeRegistrar registrar = linux((c, e) -> {
            throw new IOException("Cannot run program \"" + c.get(0) + "\": error=2, No such file or directory");
        });
        registrar.register();
        assertThat(registrar.desktopFile()).exists();
    }

    @Test
    void firstRunRegistersButAnExplicitUnregisterIsRespectedLater() throws Exception {
        List<List<String>> commands = new ArrayList<>();
        SchemeRegistrar registrar = linux((c, e) -> {
            commands.add(c);
            return 0;
        });
        registrar.registerOnFirstRun();
        assertThat(registrar.desktopFile()).exists();
        registrar.unregister();
        assertThat(registrar.desktopFile()).doesNotExist();
        assertThat(registrar.launcherScript()).doesNotExist();
        commands.clear();
        registrar.registerOnFirstRun();
        assertThat(registrar.desktopFile()).doesNotExist();
        assertThat(commands).isEmpty();
    }

    private SchemeRegistrar windows(LauncherCommand launcher, List<List<String>> commands) {
        return new SchemeRegistrar(AppFolders.Os.WINDOWS, env(), root, dataDir(), SCHEME, launcher, (c, e) -> {
            commands.add(c);
            return 0;
        });
    }

    @Test
    void windowsRegistrationImportsTheExecutableWithItsArgumentsThenDoubleDashAndTheLink() throws Exception {
        List<List<String>> commands = new ArrayList<>();
        LauncherCommand launcher = new LauncherCommand(Path.of("C:\\Program Files\\Java\\bin\\javaw.exe"),
                List.of("-cp", "C:\\Users\\al\"ice\\app dir\\", "-Dx=a b"), "com.example.signin.desktop.Main",
                List.of("--data-dir", "C:\\Users\\alice\\AppData\\Local\\magic-link-signin"));
        SchemeRegistrar registrar = windows(launcher, commands);
        registrar.register();

        Path regFile = dataDir().resolve(SchemeRegistrar.WINDOWS_REG_FILE);
        assertThat(commands).containsExactly(List.of("reg.exe", "import", regFile.toString()));
        String reg = new String(Files.readAllBytes(regFile), StandardCharsets.UTF_16LE);
        String command = SchemeRegistrar.windowsHandlerCommand(launcher.commandLine());
        assertThat(reg).startsWith("\uFEFFWindows Registry Editor Version 5.00\r\n")
                .contains("[HKEY_CURRENT_USER\\Software\\Classes\\" + SCHEME + "]\r\n@=\"URL:Magic-link sign-in\"\r\n\"URL Protocol\"=\"\"")
                .contains("[HKEY_CURRENT_USER\\Software\\Classes\\" + SCHEME + "\\shell\\open\\command]\r\n@=\""
                        + command.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\r\n");
        assertThat(command).startsWith("\"C:\\Program Files\\Java\\bin\\javaw.exe\" ").endsWith(" -- \"%1\"");
        // Split back as Windows programs split their command line: the same arguments, then --, then the link.
        List<String> expected = new ArrayList<>(launcher.commandLine());
        expected.addAll(List.of("--", "%1"));
        assertThat(WindowsCommandLine.split(command)).isEqualTo(expected);
        assertThat(dataDir().resolve("bin/magic-link-signin.cmd")).doesNotExist();

        commands.clear();
        registrar.registerOnFirstRun();
        assertThat(commands).as("nothing changed, nothing imported again").isEmpty();
        registrar.unregister();
        assertThat(commands).containsExactly(List.of("reg.exe", "delete", "HKCU\\Software\\Classes\\" + SCHEME, "/f"));
        assertThat(regFile).doesNotExist();
    }

    @Test
    void theOldCmdScriptIsRemovedWhenWindowsRegistersAgain() throws Exception {
        Path old = Files.createDirectories(dataDir().resolve("bin")).resolve("magic-link-signin.cmd");
        Files.writeString(old, "@echo off\r\n\"java\" %*\r\n");
        windows(launcher(), new ArrayList<>()).register();
        assertThat(old).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.signin://signin#abc\" --config=\\\\host\\share\\x.json",
        "com.example.signin://signin#abc --config=\\\\host\\share\\x.json", "com.example.signin://signin#a\\\" b"})
    void aHostileLinkInTheWindowsCommandNeverBecomesAnOption(String link) throws Exception {
        String command = SchemeRegistrar.windowsHandlerCommand(launcher().commandLine()).replace("%1", link);
        List<String> argv = WindowsCommandLine.split(command);
        String[] appArgs = argv.subList(launcher().commandLine().size() - launcher().appArgs().size(), argv.size())
                .toArray(String[]::new);
        assertThatThrownBy(() -> LinkArguments.find(List.of(appArgs))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The app refused this link");
    }

    @Test
    void aPercentSignInTheCommandIsRefusedWithItsReason() {
        assertThatThrownBy(() -> SchemeRegistrar.windowsHandlerCommand(List.of("C:\\100%\\javaw.exe")))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot hold '%'");
    }

    @Test
    void windowsArgumentsAreQuotedSoTheySplitBackUnchanged() {
        List<String> parts = List.of("C:\\a b\\java.exe", "", "plain", "tail\\", "in\"side", "back\\\\\"slash", "\\\\server\\share",
                "trailing two\\\\");
        StringBuilder line = new StringBuilder();
        for (String part : parts) {
            line.append(SchemeRegistrar.windowsQuote(part)).append(' ');
        }
        assertThat(WindowsCommandLine.split(line.toString())).isEqualTo(parts);
        assertThat(SchemeRegistrar.windowsQuote("a\"b")).isEqualTo("\"a\\\"b\"");
        assertThat(SchemeRegistrar.windowsQuote("dir\\")).isEqualTo("\"dir\\\\\"");
    }

    @Test
    void execArgumentsAreQuotedAsTheDesktopEntrySpecSays() {
        assertThat(SchemeRegistrar.desktopExecQuote("/home/alice/.local/share/app/bin/run")).isEqualTo("/home/alice/.local/share/app/bin/run");
        assertThat(SchemeRegistrar.desktopExecQuote("/home/a b/run")).isEqualTo("\"/home/a b/run\"");
        assertThat(SchemeRegistrar.desktopExecQuote("/x/$HOME\"q")).isEqualTo("\"/x/\\\\$HOME\\\\\"q\"");
        assertThat(SchemeRegistrar.desktopExecQuote("/x/100%")).isEqualTo("\"/x/100%%\"");
    }

    private String run(List<String> command) throws Exception {
        Path out = Files.createTempFile(root, "out", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().putAll(env());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Files.readString(out);
    }
}
