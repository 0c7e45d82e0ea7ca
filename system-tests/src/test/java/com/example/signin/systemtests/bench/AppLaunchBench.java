package com.example.signin.systemtests.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The README's first command run again with the tree already built ({@code ./run-app}), against the app's own cold
 * start (a plain {@code java -cp ... Main} on the same class path), both in local mode with a fresh data folder, on one
 * Xvfb display, alternated. The figure is the time from starting the command to the app's log line saying the first
 * screen is shown.
 */
final class AppLaunchBench {

    /** The app logs this when a screen is shown (MainWindowViewModel). */
    private static final String SHOWN = "Showing the ";

    private AppLaunchBench() {
    }

    static void readmeCommand(Path repo, Path work, int runs) throws Exception {
        System.out.printf("%nThe README's first command again (./run-app, tree built) vs the app's own cold start, to the first screen%n");
        Path runApp = repo.resolve("run-app");
        try (DesktopBench.Xvfb xvfb = DesktopBench.Xvfb.start()) {
            String display = xvfb.display();
            // The first run builds when needed and makes the AppCDS archive: not measured.
            timeToFirstScreen(List.of(runApp.toString()), repo, display, work.resolve("readme-warm"));
            String classpath = Files.readString(repo.resolve("desktop-app/target/run-app/classpath")).strip();
            List<String> plain = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                    "com.example.signin.desktop.Main");
            List<Double> readme = new ArrayList<>();
            List<Double> own = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                readme.add(timeToFirstScreen(List.of(runApp.toString()), repo, display, work.resolve("readme-" + run)));
                own.add(timeToFirstScreen(plain, repo, display, work.resolve("own-" + run)));
            }
            double ratio = Benchmarks.median(readme) / Benchmarks.median(own);
            System.out.printf("README command %s ms; app's own cold start %s ms; ratio %.2f (goal at most 2); load average %s%n",
                    Benchmarks.summary(readme), Benchmarks.summary(own), ratio, Benchmarks.loadAverage());
        }
    }

    /** Milliseconds from starting {@code command} (with a fresh data folder) to its first screen; the app is then stopped. */
    private static double timeToFirstScreen(List<String> command, Path repo, String display, Path dataDir) throws Exception {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("--data-dir", dataDir.toString()));
        Path log = dataDir.resolve("logs/app.log");
        ProcessBuilder builder = new ProcessBuilder(full).directory(repo.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // Private XDG folders: the app's first-run scheme registration must not touch the user's.
        DesktopBench.isolate(builder.environment(), dataDir.resolveSibling(dataDir.getFileName() + "-home"), display);
        long start = System.nanoTime();
        Process app = builder.start();
        try {
            while (!(Files.isRegularFile(log) && Files.readString(log, StandardCharsets.UTF_8).contains(SHOWN))) {
                if (!app.isAlive()) {
                    throw new IllegalStateException("The app exited with " + app.exitValue() + " before its first screen: "
                            + String.join(" ", full));
                }
                if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(5)) {
                    throw new IllegalStateException("No first screen after 5 minutes: " + String.join(" ", full));
                }
                Thread.sleep(5);
            }
            return (System.nanoTime() - start) / 1e6;
        } finally {
            stop(app);
        }
    }

    private static void stop(Process app) throws InterruptedException, IOException {
        app.descendants().forEach(ProcessHandle::destroy);
        app.destroy();
        if (!app.waitFor(30, TimeUnit.SECONDS)) {
            app.destroyForcibly();
        }
    }
}
