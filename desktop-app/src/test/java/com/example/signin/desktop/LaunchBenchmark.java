package com.example.signin.desktop;

import com.example.signin.fx.internal.client.CognitoSignInClient;
import com.example.signin.fx.internal.client.Mailbox;
import com.example.signin.fx.MagicLinkConfig;
import com.example.signin.fx.internal.config.ClientConfigReader;
import com.example.signin.fx.internal.platform.ChildJvm;
import com.example.signin.fx.internal.platform.SingleInstance;
import com.example.signin.protocol.MagicLinkFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Start-up figures, printed (a benchmark, not a test): how long a click takes to reach the running
 * app, how long a cold start takes to show the window, and how long a handed-over link takes to
 * sign in. Run from the repository root after {@code ./mvnw -B -pl desktop-app -am test-compile}:
 * <pre>
 * ./mvnw -B -q -pl desktop-app -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp desktop-app/target/classes:desktop-app/target/test-classes:$(cat /tmp/cp.txt) com.example.signin.desktop.LaunchBenchmark
 * </pre>
 */
public final class LaunchBenchmark {

    private static final List<String> HEADLESS = List.of("-Dtestfx.robot=glass", "-Dtestfx.headless=true",
            "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Djava.awt.headless=true");
    private static final String LINK = "com.example.signin://signin#AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("launch-benchmark");
        System.out.printf("Machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.println("Load average at start: " + java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        List<String> sections = args.length == 0 ? List.of("handoff", "cold", "signin") : List.of(args);
        if (sections.contains("handoff")) {
            handOff(root.resolve("handoff"), List.of(), "default JVM flags");
            handOff(root.resolve("handoff-c1"), List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto"), "-XX:TieredStopAtLevel=1");
        }
        if (sections.contains("cold")) {
            coldStarts(root);
            coldStartWithConfiguration(root);
        }
        if (sections.contains("signin")) {
            linkToSignedIn(root.resolve("signin"));
        }
        System.out.println("Load average at end: " + java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
    }

    /** Second process start to link delivered, and to that process's exit, with an instance listening. */
    static void handOff(Path dataDir, List<String> jvmOptions, String label) throws Exception {
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        List<Long> delivered = new ArrayList<>();
        List<Long> exited = new ArrayList<>();
        try (SingleInstance instance = SingleInstance.tryBind(dataDir, l -> arrived.put(l, System.nanoTime())).orElseThrow()) {
            for (int i = 0; i < 12; i++) {
                String link = LINK + (char) ('A' + i);
                long start = System.nanoTime();
                Process p = ChildJvm.start(ChildJvm.command(jvmOptions, Main.class, List.of("--data-dir", dataDir.toString(), link)),
                        Map.of(), null);
                p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("The hand-off process failed");
                }
                long end = System.nanoTime();
                if (i >= 2) { // two warm-up rounds: page cache, JIT of this process
                    delivered.add(arrived.get(link) - start);
                    exited.add(end - start);
                }
            }
        }
        System.out.printf("Link hand-off (%s), 10 runs: process start -> link at the instance %s; -> process exit %s%n",
                label, stats(delivered), stats(exited));
    }

    /** Fresh data folder (first run) and second start: process start to window shown and to the sign-in screen. */
    static void coldStarts(Path root) throws Exception {
        Path dataDir = root.resolve("cold");
        for (String run : List.of("first run (empty data folder)", "second run", "third run")) {
            long start = System.nanoTime();
            Process app = ChildJvm.start(ChildJvm.command(HEADLESS, Main.class, List.of("--data-dir", dataDir.toString())),
                    Map.of("XDG_DATA_HOME", root.resolve("xdg").toString(), "XDG_CONFIG_HOME", root.resolve("xdg-config").toString()),
                    root.resolve("cold-out.txt"));
            try {
                long window = awaitLog(dataDir, "Window shown", start, 0);
                long signIn = awaitLog(dataDir, "Showing the sign-in screen", start, 0);
                long backend = awaitLog(dataDir, "Local backend ready in", start, 0);
                System.out.printf("Cold start, local mode, %s: window shown %d ms, sign-in screen %d ms, local backend ready %d ms%n",
                        run, window, signIn, backend);
            } finally {
                app.destroy();
                app.waitFor(60, TimeUnit.SECONDS);
                Files.move(dataDir.resolve("logs/app.log"), root.resolve("cold-" + System.nanoTime() + ".log"));
            }
        }
    }

    /** AWS mode (a configuration file, no embedded backend): process start to window shown and sign-in screen. */
    static void coldStartWithConfiguration(Path root) throws Exception {
        Path config = root.resolve("outputs.json");
        Files.writeString(config, "{\"SignIn\": {\"region\": \"eu-west-1\", \"userPoolId\": \"eu-west-1_Bench1\","
                + " \"clientId\": \"benchclient\", \"apiUrl\": \"https://api.example.com/prod\","
                + " \"linkBase\": \"https://api.example.com/prod\", \"issuer\": \"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Bench1\","
                + " \"scheme\": \"com.example.signin\"}}");
        for (int i = 0; i < 3; i++) {
            Path dataDir = root.resolve("aws-" + i);
            long start = System.nanoTime();
            Process app = ChildJvm.start(ChildJvm.command(HEADLESS, Main.class,
                            List.of("--data-dir", dataDir.toString(), "--config", config.toString())),
                    Map.of("XDG_DATA_HOME", root.resolve("xdg-aws").toString(), "XDG_CONFIG_HOME", root.resolve("xdg-aws-config").toString()),
                    root.resolve("aws-out.txt"));
            try {
                long window = awaitLog(dataDir, "Window shown", start, 0);
                long signIn = awaitLog(dataDir, "Showing the sign-in screen", start, 0);
                System.out.printf("Cold start, AWS configuration (no embedded backend), run %d: window shown %d ms, sign-in screen %d ms%n",
                        i + 1, window, signIn);
            } finally {
                app.destroy();
                app.waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    /** With the app running: link handed over by a second process to "Signed in as" in the app's log. */
    static void linkToSignedIn(Path dataDir) throws Exception {
        Process app = ChildJvm.start(ChildJvm.command(HEADLESS, Main.class, List.of("--data-dir", dataDir.toString())),
                Map.of("XDG_DATA_HOME", dataDir.resolveSibling("xdg2").toString(),
                        "XDG_CONFIG_HOME", dataDir.resolveSibling("xdg2-config").toString()), dataDir.resolveSibling("signin-out.txt"));
        List<Long> signedIn = new ArrayList<>();
        try {
            awaitLog(dataDir, "Local backend ready in", System.nanoTime(), 0);
            MagicLinkConfig config = new ClientConfigReader().read(dataDir.resolve("local-backend/endpoints.json"));
            MagicLinkFormat format = new MagicLinkFormat(config.scheme(), config.linkBase());
            Mailbox mailbox = new Mailbox(config.mailboxUrl().orElseThrow());
            // The benchmark asks for the link with the app's own data folder, as the window would.
            try (CognitoSignInClient asker = CognitoSignInClient.forDataDir(CompletableFuture.completedFuture(config), dataDir)) {
                for (int i = 0; i < 6; i++) {
                    String email = "bench" + i + "@example.com";
                    asker.requestLink(email);
                    String link = format.appLink(format.parseSecret(mailbox.awaitNewLink(email, Optional.empty())));
                    int before = countInLog(dataDir, "Signed in as " + email);
                    long start = System.nanoTime();
                    Process second = ChildJvm.start(ChildJvm.command(List.of(), Main.class,
                            List.of("--data-dir", dataDir.toString(), link)), Map.of(), null);
                    second.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                    long ms = awaitLog(dataDir, "Signed in as " + email, start, before);
                    if (i >= 1) {
                        signedIn.add(ms * 1_000_000);
                    }
                }
            }
        } finally {
            app.destroy();
            app.waitFor(60, TimeUnit.SECONDS);
        }
        System.out.printf("Link hand-off to signed in, app running, local backend, 5 runs: %s%n", stats(signedIn));
    }

    private static int countInLog(Path dataDir, String text) throws IOException {
        Path log = dataDir.resolve("logs/app.log");
        if (!Files.exists(log)) {
            return 0;
        }
        return (int) Files.readAllLines(log).stream().filter(l -> l.contains(text)).count();
    }

    /** Milliseconds from {@code start} until the log holds {@code text} more than {@code before} times. */
    private static long awaitLog(Path dataDir, String text, long start, int before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (countInLog(dataDir, text) > before) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("The log never said: " + text);
    }

    private static String stats(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format("median %d ms (min %d, max %d)", sorted.get(sorted.size() / 2) / 1_000_000,
                sorted.get(0) / 1_000_000, sorted.get(sorted.size() - 1) / 1_000_000);
    }
}
