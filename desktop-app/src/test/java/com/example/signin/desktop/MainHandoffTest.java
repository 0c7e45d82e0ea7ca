package com.example.signin.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.internal.platform.ChildJvm;
import com.example.signin.fx.internal.platform.SingleInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The second process of a click: {@code Main} with a link, while an instance runs. */
@Timeout(120)
class MainHandoffTest {

    private static final String LINK = "com.example.signin://signin#AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @TempDir
    Path dataDir;
    @TempDir
    Path logs;

    @Test
    void aSecondProcessHandsTheLinkOverAndExitsWithoutLoadingJavaFx() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (SingleInstance instance = SingleInstance.tryBind(dataDir, received::add).orElseThrow()) {
            Path output = logs.resolve("verbose.txt");
            Process second = ChildJvm.start(ChildJvm.command(List.of("-verbose:class"), Main.class,
                    List.of("--data-dir", dataDir.toString(), LINK)), Map.of(), output);
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isZero();
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(LINK);

            List<String> loaded = Files.readAllLines(output).stream().filter(l -> l.contains("[class,load]")).toList();
            assertThat(loaded).anyMatch(l -> l.contains("com.example.signin.fx.internal.platform.LinkHandoff "));
            assertThat(loaded).noneMatch(l -> l.contains(" javafx.") || l.contains(" com.sun.javafx.")
                    || l.contains(" com.example.signin.fx.internal.ui.") || l.contains(" com.example.signin.desktop.AppStartup ")
                    || l.contains(" ch.qos.logback.") || l.contains(" okhttp3.") || l.contains(" software.amazon."));
        }
    }

    @Test
    void aSecondStartWithoutALinkAsksForTheWindowWithoutLoadingJavaFxAndSaysSo() throws Exception {
        CountDownLatch raised = new CountDownLatch(1);
        BlockingQueue<String> links = new LinkedBlockingQueue<>();
        try (SingleInstance instance = SingleInstance.tryBind(dataDir, links::add, raised::countDown).orElseThrow()) {
            Path output = logs.resolve("second.txt");
            Process second = ChildJvm.start(ChildJvm.command(List.of("-verbose:class"), Main.class,
                    List.of("--data-dir", dataDir.toString())), Map.of(), output);
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isZero();
            assertThat(raised.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(links).isEmpty();
            assertThat(Files.readString(output)).contains(StartHandOff.alreadyRunning(dataDir));
            List<String> loaded = Files.readAllLines(output).stream().filter(l -> l.contains("[class,load]")).toList();
            assertThat(loaded).noneMatch(l -> l.contains(" javafx.") || l.contains(" com.sun.javafx.")
                    || l.contains(" com.example.signin.fx.internal.ui.") || l.contains(" com.example.signin.desktop.AppStartup ")
                    || l.contains(" ch.qos.logback.") || l.contains(" okhttp3.") || l.contains(" software.amazon."));
        }
    }

    @Test
    void badArgumentsAreExplainedWithExitCode2() throws Exception {
        Path output = logs.resolve("usage.txt");
        Process process = ChildJvm.start(ChildJvm.command(List.of(), Main.class, List.of("--data-dir")), Map.of(), output);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(output)).contains("--data-dir needs a path").contains("Usage:");
    }

    @Test
    void aConfigurationFileThatCannotBeUsedStopsTheStartWithItsSentence() throws Exception {
        Path config = logs.resolve("config.json");
        Files.writeString(config, "{\"region\": \"eu-west-1\"}");
        Path output = logs.resolve("config.txt");
        Process process = ChildJvm.start(ChildJvm.command(List.of(), Main.class,
                List.of("--data-dir", dataDir.toString(), "--config", config.toString())), Map.of(), output);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(output)).contains("has no userPoolId").contains("cdk deploy --outputs-file");
    }

    @Test
    void registerSchemeWritesTheDesktopEntryAndExits() throws Exception {
        Path xdgData = logs.resolve("xdg-data");
        Path output = logs.resolve("register.txt");
        Process process = ChildJvm.start(ChildJvm.command(List.of(), Main.class,
                        List.of("--data-dir", dataDir.toString(), "--register-scheme")),
                Map.of("XDG_DATA_HOME", xdgData.toString(), "XDG_CONFIG_HOME", logs.resolve("xdg-config").toString()), output);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(output)).isZero();
        assertThat(Files.readString(output)).contains("now opens com.example.signin:// links");
        String entry = Files.readString(xdgData.resolve("applications/magic-link-signin.desktop"));
        assertThat(entry).contains("MimeType=x-scheme-handler/com.example.signin;");
        String launcher = Files.readString(dataDir.resolve("bin/magic-link-signin"));
        assertThat(launcher).contains("com.example.signin.desktop.Main").contains("'--data-dir' '" + dataDir + "'");
        assertThat(Files.readString(dataDir.resolve("logs/app.log"))).contains("Wrote the desktop entry");
    }
}
