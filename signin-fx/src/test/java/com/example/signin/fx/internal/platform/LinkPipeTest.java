package com.example.signin.fx.internal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.AppFolders;
import com.example.signin.fx.LauncherCommand;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-off without a JVM: the launcher script the app registers writes a link into the running
 * instance's named pipe, and starts the Java launcher when no instance reads it.
 */
@Timeout(120)
class LinkPipeTest {

    private static final String LINK = "com.example.signin://signin#q8W2eR4tY6uI0oP1aS3dF5gH7jK9lZ-xC_vB2nM4qWe";

    @TempDir
    Path root;

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private SingleInstance instance;

    @AfterEach
    void close() {
        if (instance != null) {
            instance.close();
        }
    }

    private Path dataDir() {
        return root.resolve("data dir's"); // a space and a quote, to exercise the quoting
    }

    /** The registered launcher script; its "launcher" echoes what it was given, so a fallback shows in the output. */
    private Path registeredScript() throws Exception {
        LauncherCommand echo = new LauncherCommand(Path.of("/bin/echo"), List.of("launcher"), "Main",
                List.of("--data-dir", dataDir().toString()));
        SchemeRegistrar registrar = new SchemeRegistrar(AppFolders.Os.LINUX,
                Map.of("HOME", root.toString(), "XDG_DATA_HOME", root.resolve("xdg").toString()), root, dataDir(),
                "com.example.signin", echo, (command, environment) -> 0);
        registrar.register();
        return registrar.launcherScript();
    }

    private Path startInstance() throws Exception {
        instance = SingleInstance.tryBind(dataDir(), received::add).orElseThrow();
        return instance.awaitPipe().orElseThrow();
    }

    private static String run(Path script, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void aLinkOpenedWhileTheAppRunsReachesItThroughThePipeWithoutStartingTheLauncher() throws Exception {
        Path script = registeredScript();
        Path pipe = startInstance();
        assertThat(pipe).isEqualTo(LinkPipe.pipePath(dataDir()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pipe))).isEqualTo("rw-------");

        assertThat(run(script, LINK)).as("the Java launcher did not run").isEmpty();
        assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo(LINK);
        assertThat(run(script, LINK + "2")).isEmpty();
        assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo(LINK + "2");
    }

    @Test
    void withNoAppReadingAStalePipeTheScriptStartsTheLauncherWithTheLink() throws Exception {
        Path script = registeredScript();
        // What a crashed instance leaves: the pipe, nobody reading it.
        Path pipe = LinkPipe.pipePath(dataDir());
        PrivateFiles.createPrivateDirectory(pipe.getParent());
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", pipe.toString()).start();
        assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(run(script, LINK)).isEqualTo("launcher Main --data-dir " + dataDir() + " -- " + LINK);
    }

    @Test
    void afterTheAppClosedThePipeIsGoneAndTheScriptStartsTheLauncher() throws Exception {
        Path script = registeredScript();
        Path pipe = startInstance();
        instance.close();
        instance = null;

        assertThat(pipe).doesNotExist();
        assertThat(run(script, LINK)).isEqualTo("launcher Main --data-dir " + dataDir() + " -- " + LINK);
    }

    @Test
    void aLinkTheShellCannotPassAsOneSafeLineGoesToTheLauncherInstead() throws Exception {
        Path script = registeredScript();
        startInstance();

        String twoLines = LINK + "\nRAISE";
        assertThat(run(script, twoLines)).isEqualTo("launcher Main --data-dir " + dataDir() + " -- " + twoLines);
        String tooLong = LINK + "x".repeat(4000);
        assertThat(run(script, tooLong)).endsWith(" -- " + tooLong);
        assertThat(received).isEmpty();
    }

    @Test
    void malformedLinesInThePipeAreDroppedAndTheNextLinkStillArrives() throws Exception {
        Path pipe = startInstance();
        try (OutputStream out = Files.newOutputStream(pipe, StandardOpenOption.WRITE)) {
            out.write(("x".repeat(5000) + "\n").getBytes(StandardCharsets.US_ASCII)); // over the cap
            out.write(new byte[] {'c', 'o', 'm', (byte) 0xC3, (byte) 0x28, '\n'}); // not UTF-8
            out.write((LINK + "\u0007bell\n").getBytes(StandardCharsets.UTF_8)); // a control character
            out.write("\n".getBytes(StandardCharsets.UTF_8)); // empty
            out.write((LINK + "\r\n").getBytes(StandardCharsets.UTF_8)); // a good one, Windows line end
        }
        assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo(LINK);
        assertThat(received).isEmpty();
    }

    @Test
    void aRunFolderOthersCanEnterIsRefusedAndNoPipeIsMade() throws Exception {
        Path runDir = Files.createDirectories(root.resolve("run"));
        Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(LinkPipe.open(runDir, received::add)).isEmpty();
        assertThat(runDir.resolve("links.fifo")).doesNotExist();
    }

    @Test
    void whatLiesAtThePipesNameIsCheckedBeforeUseAndRefusedUnlessItIsThisUsersPrivatePipe() throws Exception {
        Path file = Files.createFile(root.resolve("file"));
        String user = System.getProperty("user.name");
        assertThat(LinkPipe.refusal(file, user, false, PosixFilePermissions.fromString("rw-------")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is not a named pipe"));

        Path pipe = root.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "644", pipe.toString()).start();
        assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(LinkPipe.refusal(pipe, user, false, PosixFilePermissions.fromString("rw-------")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("rw-r--r--"));
        assertThat(LinkPipe.refusal(pipe, "someone-else", false, PosixFilePermissions.fromString("rw-r--r--")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("belongs to " + user));
        assertThat(LinkPipe.refusal(pipe, user, false, PosixFilePermissions.fromString("rw-r--r--"))).isEqualTo(Optional.empty());
    }
}
