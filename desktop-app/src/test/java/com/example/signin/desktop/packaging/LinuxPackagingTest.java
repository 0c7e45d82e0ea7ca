package com.example.signin.desktop.packaging;

import static com.example.signin.desktop.packaging.LinuxPackagingFiles.PACKAGE;
import static com.example.signin.desktop.packaging.LinuxPackagingFiles.SCHEME;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.desktop.handoff.LinkOpener;
import com.example.signin.fx.internal.platform.SingleInstance;
import com.example.signin.testsupport.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux packaging sources (the .desktop file, postinst, prerm, open-link and the hand-off jar's
 * class list) in the default build, on a layout made like the installed one, without jpackage.
 * {@link DebPackageIT} checks the real .deb in the {@code package} profile.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class LinuxPackagingTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Path CLASSES = Path.of("target", "classes");
    private static final String LINK = SCHEME + "://signin#k3V9pQx2_0aZ-8mN4rT6uW1yB5cD7eF9gH2jL4nP6sR";

    @TempDir
    Path temp;

    @Test
    void theDesktopFileOpensTheSchemeThroughTheHandOffScriptWithTheLinkAsItsArgument() throws Exception {
        List<String> lines = LinuxPackagingFiles.filtered(PACKAGE + ".desktop", LinuxPackagingFiles.defaultTokens()).lines()
                .toList();

        assertThat(lines).first().isEqualTo("[Desktop Entry]");
        assertThat(lines).contains("Type=Application", "Exec=/opt/magic-link-signin/bin/open-link -- %u",
                "MimeType=x-scheme-handler/" + SCHEME + ";", "Terminal=false");
        assertThat(lines).filteredOn(l -> l.startsWith("Exec=")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.startsWith("MimeType=")).hasSize(1);
        assertThat(String.join("\n", lines)).doesNotContain("@");
    }

    @Test
    void theDesktopFilePassesDesktopFileValidate() throws Exception {
        Tools.require("desktop-file-validate", "desktop-file-utils");
        Path file = temp.resolve(PACKAGE + ".desktop");
        Files.writeString(file, LinuxPackagingFiles.filtered(PACKAGE + ".desktop", LinuxPackagingFiles.defaultTokens()));

        Processes.Result result = Processes.run(List.of("desktop-file-validate", file.toString()),
                Processes.cleanEnvironment(Map.of()), BOUND);

        assertThat(result.output()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void postinstRegistersTheSchemeWithoutDesktopDirectoriesAndPrermRemovesTheRegistration() throws Exception {
        Tools.require("update-desktop-database", "desktop-file-utils");
        Path root = temp.resolve("root");
        Path app = LinuxPackagingFiles.installLayout(root, CLASSES);
        Path installed = root.resolve("usr/share/applications").resolve(PACKAGE + ".desktop");
        Path cache = installed.resolveSibling("mimeinfo.cache");
        Map<String, String> env = Processes.cleanEnvironment(Map.of("DPKG_ROOT", root.toString()));
        assertThat(root.resolve("usr/share/desktop-directories")).doesNotExist();

        Processes.Result postinst = Processes.run(List.of("sh", script("postinst"), "configure"), env, BOUND);

        assertThat(postinst.exitCode()).as(postinst.output()).isZero();
        assertThat(installed).hasSameTextualContentAs(app.resolve("lib").resolve(PACKAGE + ".desktop"));
        assertThat(Files.readString(cache)).contains("x-scheme-handler/" + SCHEME + "=" + PACKAGE + ".desktop;");
        assertThat(app.resolve("lib/handoff/handoff.jsa")).isRegularFile();

        Processes.Result prerm = Processes.run(List.of("sh", script("prerm"), "remove"), env, BOUND);

        assertThat(prerm.exitCode()).as(prerm.output()).isZero();
        assertThat(installed).doesNotExist();
        assertThat(Files.readString(cache)).doesNotContain(SCHEME);
        assertThat(app.resolve("lib/handoff/handoff.jsa")).doesNotExist();
    }

    @Test
    void theMaintainerScriptsLeaveOutJpackagesDesktopMenuCommands() throws Exception {
        for (String name : List.of("postinst", "prerm")) {
            String text = LinuxPackagingFiles.filtered(name, LinuxPackagingFiles.defaultTokens());
            assertThat(text).as(name).startsWith("#!/bin/sh\n").contains("set -e", "${DPKG_ROOT:-}")
                    .doesNotContain("xdg-desktop-menu", "desktop-directories\"", "@");
        }
    }

    @Test
    void openLinkHandsTheLinkToTheRunningInstanceWithOnlyTheHandOffJar() throws Exception {
        Path app = LinuxPackagingFiles.installLayout(temp.resolve("root"), CLASSES);
        Path dataDir = temp.resolve("data");
        LinkedBlockingQueue<String> links = new LinkedBlockingQueue<>();
        try (SingleInstance instance = SingleInstance.tryBind(dataDir, links::add).orElseThrow()) {
            assertThat(instance.socket()).exists();
            Processes.Result result = Processes.run(
                    List.of(app.resolve("bin/open-link").toString(), "--data-dir", dataDir.toString(), LINK),
                    Processes.cleanEnvironment(Map.of()), BOUND);

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(links.poll(10, TimeUnit.SECONDS)).isEqualTo(LINK);
        }
    }

    @Test
    void whileTheAppRunsOpenLinkWritesTheLinkIntoItsPipeWithoutStartingJava() throws Exception {
        Path app = LinuxPackagingFiles.installLayout(temp.resolve("root"), CLASSES);
        // No Java runtime in this installation: only the pipe can carry the link.
        Files.delete(app.resolve("lib/runtime"));
        Path home = temp.resolve("home");
        Path dataDir = home.resolve(".local/share/" + PACKAGE); // the default data folder, as the .desktop file's `-- LINK` finds it
        LinkedBlockingQueue<String> links = new LinkedBlockingQueue<>();
        try (SingleInstance instance = SingleInstance.tryBind(dataDir, links::add).orElseThrow()) {
            assertThat(instance.awaitPipe()).isPresent();
            Processes.Result result = Processes.run(List.of(app.resolve("bin/open-link").toString(), "--", LINK),
                    Processes.cleanEnvironment(Map.of("HOME", home.toString())), BOUND);

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(links.poll(10, TimeUnit.SECONDS)).isEqualTo(LINK);
        }
    }

    @Test
    void openLinkStartsTheFullAppWithTheSameArgumentsWhenNoInstanceRuns() throws Exception {
        Path app = LinuxPackagingFiles.installLayout(temp.resolve("root"), CLASSES);
        Path dataDir = temp.resolve("data");
        Path record = temp.resolve("started-with");
        // Stands in for jpackage's launcher: records how it was started.
        LinuxPackagingFiles.writeExecutable(app.resolve("bin").resolve(PACKAGE),
                "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + record + "'\nexit 7\n");

        Processes.Result result = Processes.run(
                List.of(app.resolve("bin/open-link").toString(), "--data-dir", dataDir.toString(), LINK),
                Processes.cleanEnvironment(Map.of()), BOUND);

        assertThat(result.exitCode()).as("the launcher's own exit code").isEqualTo(7);
        assertThat(Files.readAllLines(record, StandardCharsets.UTF_8)).containsExactly("--data-dir", dataDir.toString(), LINK);
    }

    @Test
    void theOpenerRefusesABadCommandLineWithASentenceAndDefersWhenThereIsNoLink() {
        assertThat(LinkOpener.run("--data-dir")).isEqualTo(LinkOpener.REFUSED);
        assertThat(LinkOpener.run("--data-dir", temp.toString())).isEqualTo(LinkOpener.NO_INSTANCE);
        assertThat(LinkOpener.run("--data-dir", temp.resolve("nobody").toString(), LINK)).isEqualTo(LinkOpener.NO_INSTANCE);
    }

    /** The maintainer script as the build fills it in, written to the temp folder. */
    private String script(String name) throws java.io.IOException {
        Path file = temp.resolve(name);
        LinuxPackagingFiles.writeExecutable(file, LinuxPackagingFiles.filtered(name, LinuxPackagingFiles.defaultTokens()));
        return file.toString();
    }
}
