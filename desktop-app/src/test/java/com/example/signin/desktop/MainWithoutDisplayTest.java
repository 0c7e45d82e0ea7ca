package com.example.signin.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.internal.platform.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app started where JavaFX cannot open a window (no display): the toolkit starts on its own
 * thread beside the rest of the start-up ({@code ui.ToolkitStart}), and its failure must
 * end the process with a sentence, not leave it waiting for a toolkit that never comes.
 */
@Timeout(120)
@EnabledOnOs(OS.LINUX)
class MainWithoutDisplayTest {

    @TempDir
    Path root;

    @Test
    void withoutADisplayTheAppExitsAtOnceAndSaysWhy() throws Exception {
        Path dataDir = root.resolve("data");
        Path output = root.resolve("output.txt");
        // GTK rather than the tests' headless Monocle, and no display to open.
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(List.of("-Duser.home=" + root.resolve("home"),
                "-Dprism.order=sw", "-Dsignin.theme=light"), Main.class, List.of("--data-dir", dataDir.toString())))
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        builder.environment().put("XDG_DATA_HOME", root.resolve("xdg-data").toString());
        builder.environment().put("XDG_CONFIG_HOME", root.resolve("xdg-config").toString());
        Process app = builder.start();

        assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the app ends instead of waiting for the toolkit").isTrue();
        assertThat(app.exitValue()).isEqualTo(1);
        // GTK says "Unable to open DISPLAY"; a machine without GTK fails earlier, also with a sentence.
        assertThat(Files.readString(output)).contains("The app stopped: ")
                .contains(dataDir.resolve("logs/app.log").toString());
        assertThat(Files.readString(dataDir.resolve("logs/app.log"))).contains("The app stopped on an unexpected error");
        assertThat(dataDir.resolve("run/instance.sock")).as("the instance socket is closed on the way out").doesNotExist();
    }
}
