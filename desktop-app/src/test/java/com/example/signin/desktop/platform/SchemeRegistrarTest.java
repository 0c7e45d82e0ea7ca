package com.example.signin.desktop.platform;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(output.strip()).isEqualTo("-cp /a b/it's.jar Main --data-dir " + dataDir() + " com.example.signin://signin#abc $HOME");
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

    @Test
    void windowsRegistrationWritesTheUrlProtocolKeysWithRegExe() throws Exception {
        List<List<String>> commands = new ArrayList<>();
        SchemeRegistrar registrar = new SchemeRegistrar(AppFolders.Os.WINDOWS, env(), root, dataDir(), SCHEME, launcher(),
                (c, e) -> {
                    commands.add(c);
                    return 0;
                });
        registrar.register();
        String key = "HKCU\\Software\\Classes\\" + SCHEME;
        assertThat(commands).containsExactly(
                List.of("reg.exe", "add", key, "/ve", "/d", "URL:Magic-link sign-in", "/f"),
                List.of("reg.exe", "add", key, "/v", "URL Protocol", "/d", "", "/f"),
                List.of("reg.exe", "add", key + "\\shell\\open\\command", "/ve", "/d",
                        "\"" + registrar.launcherScript() + "\" \"%1\"", "/f"));
        assertThat(registrar.launcherScript().getFileName().toString()).endsWith(".cmd");
        assertThat(Files.readString(registrar.launcherScript())).contains("\"com.example.signin.desktop.Main\"").endsWith("%*\r\n");
        commands.clear();
        registrar.unregister();
        assertThat(commands).containsExactly(List.of("reg.exe", "delete", key, "/f"));
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
