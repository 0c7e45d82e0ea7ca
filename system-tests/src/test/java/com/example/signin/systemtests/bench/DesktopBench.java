package com.example.signin.systemtests.bench;

import com.example.signin.fx.internal.client.CognitoSignInClient;
import com.example.signin.fx.internal.config.ClientConfigReader;
import com.example.signin.local.LocalBackend;
import com.example.signin.local.LocalBackendOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The desktop rows of issue 15, each against its reference taken in the same run, A and B alternated:
 * <ul>
 *   <li>{@code window}: cold start to the first window (Xvfb, software rendering, fresh data folder) with
 *   {@code --config} and in local mode, against {@link FxHello} on the same JDK and JavaFX jars; the app
 *   plain and as the README's {@code ./run-app} starts it (its AppCDS archive);</li>
 *   <li>{@code click}: {@code xdg-open} on the link to signed in, first sign-in after the start and with the
 *   app running, against {@code xdg-open} on a trivial handler registered the same way;</li>
 *   <li>{@code deb}: the same through the installed {@code .deb} (extracted to a temporary root, its
 *   postinst run there), whose handler is registered system-wide as the package does it.</li>
 * </ul>
 * "First window" is the app's log line {@code Window shown} (logged right after {@code stage.show()});
 * "signed in" its line {@code Signed in as <address>}; both are read with their own time stamps.
 */
final class DesktopBench {

    private static final String WINDOW_SHOWN = "Window shown";
    private static final String FIRST_LINE = "Starting; data folder";
    private static final String LINK_ARRIVED = "A link arrived from another process";
    private static final String TRIVIAL_SCHEME = "bench-trivial";
    /** Warm sign-ins per app start in the click parts (after the first one). */
    private static final int WARM_PER_START = 3;

    private final Path repo;
    private final Path work;
    private final int runs;

    DesktopBench(Path repo, Path work, int runs) {
        this.repo = repo;
        this.work = work;
        this.runs = runs;
    }

    // ------------------------------------------------------------------ cold start to the first window

    void window() throws Exception {
        System.out.printf("%nCold start to the first window (Xvfb, software rendering, fresh data folder) vs a JavaFX Hello%n");
        RunApp app = RunApp.prepare(repo, work);
        try (Xvfb xvfb = Xvfb.start(); LocalBackend backend = startBackend(work.resolve("window-backend"))) {
            Path config = work.resolve("window-backend").resolve(LocalBackend.ENDPOINTS_FILE);
            Map<String, List<String>> variants = new LinkedHashMap<>();
            variants.put("hello", app.hello(repo.resolve("system-tests/target/test-classes")));
            variants.put("config, plain JVM", app.java(false, List.of("--config", config.toString())));
            variants.put("config, as ./run-app starts it (AppCDS)", app.java(true, List.of("--config", config.toString())));
            variants.put("local, plain JVM", app.java(false, List.of()));
            variants.put("local, as ./run-app starts it (AppCDS)", app.java(true, List.of()));
            Map<String, List<Double>> shown = new LinkedHashMap<>();
            Map<String, List<Double>> firstLine = new LinkedHashMap<>();
            int n = 0;
            for (int run = -1; run < runs; run++) { // run -1 warms the page cache, not counted
                for (Map.Entry<String, List<String>> v : variants.entrySet()) {
                    Path dir = work.resolve("window-" + (n++));
                    Window w = v.getKey().equals("hello") ? hello(v.getValue(), xvfb, dir) : appWindow(v.getValue(), xvfb, dir);
                    if (run >= 0) {
                        shown.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(w.shownMillis);
                        if (w.firstLineMillis >= 0) {
                            firstLine.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(w.firstLineMillis);
                        }
                    }
                }
            }
            double hello = Benchmarks.median(shown.get("hello"));
            for (String key : variants.keySet()) {
                System.out.printf("WINDOW %-42s %s ms  (%.2fx Hello)%s%n", key, Benchmarks.summary(shown.get(key)),
                        Benchmarks.median(shown.get(key)) / hello, firstLine.containsKey(key)
                                ? "; first log line at " + Benchmarks.summary(firstLine.get(key)) + " ms" : "");
            }
            // Where the time goes: classes loaded up to the window (one extra run each, class loading logged).
            for (Map.Entry<String, List<String>> v : variants.entrySet()) {
                Path dir = work.resolve("window-classes-" + (n++));
                Files.createDirectories(dir);
                Path classLog = dir.resolve("classes.log");
                List<String> cmd = new ArrayList<>(v.getValue());
                cmd.add(1, "-Xlog:class+load=info:file=" + classLog);
                if (v.getKey().equals("hello")) {
                    hello(cmd, xvfb, dir);
                } else {
                    appWindow(cmd, xvfb, dir);
                }
                long classes;
                long shared;
                try (Stream<String> lines = Files.lines(classLog)) {
                    List<String> all = lines.toList();
                    classes = all.size();
                    shared = all.stream().filter(l -> l.contains("shared objects file")).count();
                }
                System.out.printf("WINDOW classes %-42s %d loaded by the window (%d of them from a CDS archive)%n", v.getKey(),
                        classes, shared);
            }
            System.out.printf("WINDOW load average %s%n", Benchmarks.loadAverage());
        }
    }

    private record Window(double shownMillis, double firstLineMillis) {
    }

    private Window hello(List<String> command, Xvfb xvfb, Path dir) throws Exception {
        Files.createDirectories(dir);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        isolate(builder.environment(), dir, xvfb.display());
        long start = System.currentTimeMillis();
        Process p = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder all = new StringBuilder();
            while ((line = out.readLine()) != null) {
                all.append(line).append('\n');
                if (line.startsWith(FxHello.SHOWN)) {
                    return new Window(Long.parseLong(line.substring(FxHello.SHOWN.length()).strip()) - start, -1);
                }
            }
            throw new IllegalStateException("The Hello did not show its window:\n" + all);
        } finally {
            stop(p);
        }
    }

    private Window appWindow(List<String> command, Xvfb xvfb, Path dir) throws Exception {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("--data-dir", dir.resolve("data").toString()));
        ProcessBuilder builder = new ProcessBuilder(full).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile());
        Files.createDirectories(dir);
        isolate(builder.environment(), dir, xvfb.display());
        long start = System.currentTimeMillis();
        Process p = builder.start();
        try {
            Path log = dir.resolve("data/logs/app.log");
            long shown = logTime(log, WINDOW_SHOWN, p);
            return new Window(shown - start, logTime(log, FIRST_LINE, p) - start);
        } finally {
            stop(p);
        }
    }

    // ------------------------------------------------------------------ click to signed in

    void click() throws Exception {
        System.out.printf("%nClick (xdg-open on the link, DISPLAY set) to signed in, app started by `java ... Main --config`,"
                + " vs xdg-open on a trivial handler%n");
        RunApp app = RunApp.prepare(repo, work);
        Path root = work.resolve("click");
        try (Xvfb xvfb = Xvfb.start(); LocalBackend backend = startBackend(root.resolve("backend"))) {
            Path config = root.resolve("backend").resolve(LocalBackend.ENDPOINTS_FILE);
            Map<String, String> env = new LinkedHashMap<>(System.getenv());
            isolate(env, root, xvfb.display());
            Handler trivial = Handler.trivial(root, env, root.resolve("data/applications"));
            Clicks clicks = new Clicks();
            for (int run = 0; run < runs; run++) {
                Path dataDir = root.resolve("app-" + run);
                List<String> cmd = new ArrayList<>(app.java(true, List.of("--config", config.toString())));
                cmd.addAll(List.of("--data-dir", dataDir.toString()));
                ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .directory(repo.toFile());
                b.environment().clear();
                b.environment().putAll(env);
                Process p = b.start();
                try {
                    Path log = dataDir.resolve("logs/app.log");
                    logTime(log, WINDOW_SHOWN, p);
                    // The app registers itself on its first run (SchemeRegistrar): wait until xdg-mime names it.
                    awaitHandler(env, backend.endpoints().scheme(), "magic-link-signin.desktop", p);
                    signIns(clicks, backend, config, dataDir, log, env, trivial, p, run);
                } finally {
                    stop(p);
                }
            }
            clicks.print("CLICK", "development run (`java ... Main`, the app's own registration)");
        }
    }

    /** One app start's sign-ins: the first after the start, then {@link #WARM_PER_START} warm ones; each after a trivial click. */
    private void signIns(Clicks clicks, LocalBackend backend, Path config, Path dataDir, Path log, Map<String, String> env,
            Handler trivial, Process app, int run) throws Exception {
        String scheme = backend.endpoints().scheme();
        // A person reads the mail before clicking: the start's background work is over by then.
        Thread.sleep(3000);
        try (Benchmarks.Driver driver = new Benchmarks.Driver(backend.endpoints());
             CognitoSignInClient requester = CognitoSignInClient.forDataDir(CompletableFuture.completedFuture(
                     new ClientConfigReader().read(config)), dataDir, Locale.ENGLISH)) {
            for (int i = 0; i <= WARM_PER_START; i++) {
                String email = "click-" + run + "-" + i + "-" + System.nanoTime() + "@example.com";
                // The app's pending request (as its sign-in screen makes it: verifier in the data folder).
                requester.requestLink(email);
                String secret = driver.latestLink(email);
                secret = secret.substring(secret.indexOf('#') + 1);
                clicks.trivial.add(trivial.click(env, TRIVIAL_SCHEME + "://signin#" + secret + "-" + i));
                ProcessBuilder b = new ProcessBuilder("xdg-open", scheme + "://signin#" + secret).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                b.environment().clear();
                b.environment().putAll(env);
                long start = System.currentTimeMillis();
                Process open = b.start();
                long signedIn = logTime(log, "Signed in as " + email, app);
                long arrived = logTimeAfter(log, LINK_ARRIVED, start, app);
                open.waitFor(60, TimeUnit.SECONDS);
                (i == 0 ? clicks.first : clicks.warm).add((double) (signedIn - start));
                (i == 0 ? clicks.firstArrival : clicks.warmArrival).add((double) (arrived - start));
                Thread.sleep(500);
            }
        }
    }

    /** The figures of one click part. */
    private static final class Clicks {
        final List<Double> trivial = new ArrayList<>();
        final List<Double> first = new ArrayList<>();
        final List<Double> warm = new ArrayList<>();
        final List<Double> firstArrival = new ArrayList<>();
        final List<Double> warmArrival = new ArrayList<>();

        void print(String tag, String what) {
            double t = Benchmarks.median(trivial);
            System.out.printf("%s %s%n", tag, what);
            System.out.printf("%s trivial handler (xdg-open to the line in its file) %s ms%n", tag, Benchmarks.summary(trivial));
            System.out.printf("%s app running, warm: click to signed in %s ms (%.2fx trivial); click to the link in the app %s ms%n",
                    tag, Benchmarks.summary(warm), Benchmarks.median(warm) / t, Benchmarks.summary(warmArrival));
            System.out.printf("%s first sign-in after the start: click to signed in %s ms (%.2fx trivial); click to the link in the"
                    + " app %s ms%n", tag, Benchmarks.summary(first), Benchmarks.median(first) / t, Benchmarks.summary(firstArrival));
            System.out.printf("%s load average %s%n", tag, Benchmarks.loadAverage());
        }
    }

    // ------------------------------------------------------------------ the installed .deb

    void deb() throws Exception {
        System.out.printf("%nInstalled .deb: click to signed in vs a trivial handler, both registered system-wide%n");
        Path deb;
        try (Stream<Path> files = Files.list(repo.resolve("desktop-app/target/installer"))) {
            deb = files.filter(f -> f.toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No .deb: build it with ./mvnw -B -pl desktop-app -am -Ppackage package"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("No desktop-app/target/installer: build the .deb with -Ppackage first", e);
        }
        Path root = work.resolve("deb");
        Path system = Files.createDirectories(root.resolve("root"));
        // Not dpkg -i: the package is extracted to a temporary root and its postinst run there (DPKG_ROOT), as
        // src/packaging/bench-handoff.sh does; only the .desktop file's absolute path is rewritten to that root.
        exec(List.of("dpkg", "-x", deb.toString(), system.toString()), Map.of());
        exec(List.of("dpkg-deb", "-e", deb.toString(), root.resolve("control").toString()), Map.of());
        exec(List.of("sh", root.resolve("control/postinst").toString(), "configure"), Map.of("DPKG_ROOT", system.toString()));
        Path installed = system.resolve("opt/magic-link-signin");
        Path applications = system.resolve("usr/share/applications");
        Path desktopFile = applications.resolve("magic-link-signin.desktop");
        Files.writeString(desktopFile, Files.readString(desktopFile).replace("/opt/magic-link-signin", installed.toString()));
        System.out.printf("  %s, extracted (uid %s; the system's dpkg database untouched)%n", deb.getFileName(),
                new com.sun.security.auth.module.UnixSystem().getUid());
        try (Xvfb xvfb = Xvfb.start(); LocalBackend backend = startBackend(root.resolve("backend"))) {
            Path config = root.resolve("backend").resolve(LocalBackend.ENDPOINTS_FILE);
            Map<String, String> env = new LinkedHashMap<>(System.getenv());
            isolate(env, root, xvfb.display());
            env.put("XDG_DATA_DIRS", system.resolve("usr/share").toString());
            Handler trivial = Handler.trivial(root, env, applications);
            exec(List.of("update-desktop-database", applications.toString()), env);
            Clicks clicks = new Clicks();
            for (int run = 0; run < runs; run++) {
                // The default data folder, as the .desktop file's open-link (which gets only the link) finds it.
                Path dataDir = root.resolve("data/magic-link-signin");
                deleteTree(dataDir);
                ProcessBuilder b = new ProcessBuilder(installed.resolve("bin/magic-link-signin").toString(), "--config",
                        config.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                b.environment().clear();
                b.environment().putAll(env);
                Process p = b.start();
                try {
                    Path log = dataDir.resolve("logs/app.log");
                    logTime(log, WINDOW_SHOWN, p);
                    awaitHandler(env, backend.endpoints().scheme(), "magic-link-signin.desktop", p);
                    signIns(clicks, backend, config, dataDir, log, env, trivial, p, run);
                } finally {
                    stop(p);
                }
            }
            clicks.print("DEB", "installed .deb (open-link hand-off, system-wide .desktop)");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The app's launch as {@code ./run-app} does it, from the class path and archive its first run left. */
    private record RunApp(List<String> modulePath, List<String> classPath, Path archive) {

        static RunApp prepare(Path repo, Path work) throws Exception {
            Path run = repo.resolve("desktop-app/target/run-app");
            // One ./run-app first, not measured: it builds when needed and (re)makes its AppCDS archive at exit.
            for (int i = 0; i < 2 && (i == 0 || !Files.isRegularFile(run.resolve("app.jsa"))); i++) {
                try (Xvfb xvfb = Xvfb.start()) {
                    Path dir = work.resolve("run-app-first-" + i);
                    ProcessBuilder b = new ProcessBuilder(repo.resolve("run-app").toString(), "--data-dir", dir.resolve("data").toString())
                            .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("run-app-first.txt").toFile());
                    isolate(b.environment(), dir, xvfb.display());
                    Process p = b.start();
                    try {
                        logTime(dir.resolve("data/logs/app.log"), WINDOW_SHOWN, p);
                    } finally {
                        stop(p);
                    }
                }
            }
            List<String> mp = new ArrayList<>();
            List<String> cp = new ArrayList<>();
            for (String entry : Files.readString(run.resolve("classpath")).strip().split(":")) {
                (Path.of(entry).getFileName().toString().startsWith("javafx-") ? mp : cp).add(entry);
            }
            return new RunApp(mp, cp, run.resolve("app.jsa"));
        }

        List<String> java(boolean cds, List<String> appArgs) {
            List<String> cmd = new ArrayList<>(List.of(Benchmarks.java(), "-Xmx512m", "-XX:TieredStopAtLevel=1")); // as run-app
            if (cds && Files.isRegularFile(archive)) {
                cmd.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
            }
            cmd.addAll(List.of("--module-path", String.join(":", modulePath), "--add-modules", "javafx.controls,javafx.fxml",
                    "-cp", String.join(":", classPath), "com.example.signin.desktop.Main"));
            cmd.addAll(appArgs);
            return cmd;
        }

        List<String> hello(Path classes) {
            return List.of(Benchmarks.java(), "--module-path", String.join(":", modulePath), "--add-modules", "javafx.controls",
                    "-cp", classes.toString(), FxHello.class.getName());
        }
    }

    /** A .desktop handler registered as the app's: a script appending its argument to a file. */
    private record Handler(Path out) {

        static Handler trivial(Path root, Map<String, String> env, Path applications) throws Exception {
            Files.createDirectories(applications);
            Path script = root.resolve("trivial-handler");
            Path out = root.resolve("trivial-handler.out");
            Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '" + out + "'\n");
            script.toFile().setExecutable(true);
            Files.writeString(applications.resolve("bench-trivial.desktop"), "[Desktop Entry]\nType=Application\nName=bench\nExec="
                    + script + " %u\nNoDisplay=true\nMimeType=x-scheme-handler/" + TRIVIAL_SCHEME + ";\n");
            exec(List.of("update-desktop-database", applications.toString()), env);
            if (!applications.startsWith(Path.of(env.get("XDG_DATA_DIRS")))) {
                exec(List.of("xdg-mime", "default", "bench-trivial.desktop", "x-scheme-handler/" + TRIVIAL_SCHEME), env);
            }
            Files.writeString(out, "");
            Handler h = new Handler(out);
            h.click(env, TRIVIAL_SCHEME + "://warm-up"); // page cache
            return h;
        }

        /** Milliseconds from starting xdg-open to the link in the handler's file. */
        double click(Map<String, String> env, String link) throws Exception {
            ProcessBuilder b = new ProcessBuilder("xdg-open", link).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            b.environment().clear();
            b.environment().putAll(env);
            long start = System.currentTimeMillis();
            Process p = b.start();
            while (!Files.readString(out).contains(link)) {
                if (System.currentTimeMillis() - start > 60_000) {
                    throw new IllegalStateException("The trivial handler did not get " + link);
                }
                Thread.sleep(1);
            }
            long end = System.currentTimeMillis();
            p.waitFor(60, TimeUnit.SECONDS);
            return end - start;
        }
    }

    /** Private folders for the child: XDG data, config and system dirs, no session bus (no keyring), the given display. */
    static void isolate(Map<String, String> env, Path dir, String display) throws IOException {
        env.put("XDG_DATA_HOME", Files.createDirectories(dir.resolve("data")).toString());
        env.put("XDG_CONFIG_HOME", Files.createDirectories(dir.resolve("config")).toString());
        env.put("XDG_DATA_DIRS", Files.createDirectories(dir.resolve("system")).toString());
        env.put("DISPLAY", display);
        env.remove("DBUS_SESSION_BUS_ADDRESS");
        env.remove("XDG_CURRENT_DESKTOP");
        env.remove("DESKTOP_SESSION");
    }

    private static LocalBackend startBackend(Path dir) throws IOException {
        LocalBackend backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(dir).build());
        backend.awaitWarm();
        return backend;
    }

    /** Waits until {@code xdg-mime} names {@code desktopFile} as the handler of {@code scheme}. */
    private static void awaitHandler(Map<String, String> env, String scheme, String desktopFile, Process app) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!exec(List.of("xdg-mime", "query", "default", "x-scheme-handler/" + scheme), env).contains(desktopFile)) {
            if (!app.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The app was not registered for " + scheme + ":// links");
            }
            Thread.sleep(100);
        }
    }

    /** The wall-clock time stamp of the first log line containing {@code marker}, waiting for it. */
    static long logTime(Path log, String marker, Process p) throws Exception {
        return logTimeAfter(log, marker, 0, p);
    }

    /** The time stamp of the first log line containing {@code marker} stamped at or after {@code after}. */
    static long logTimeAfter(Path log, String marker, long after, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            if (Files.isRegularFile(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    if (line.contains(marker)) {
                        long t = OffsetDateTime.parse(line.substring(0, line.indexOf(' '))).toInstant().toEpochMilli();
                        if (t >= after - 1) { // the log's stamp and this clock are read at whole milliseconds
                            return t;
                        }
                    }
                }
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("The app exited with " + p.exitValue() + " before logging '" + marker + "' in " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No '" + marker + "' in " + log + " after 5 minutes");
            }
            Thread.sleep(5);
        }
    }

    static String exec(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        if (env.containsKey("PATH")) { // a whole environment (isolate() removed variables from it), not additions
            b.environment().clear();
        }
        b.environment().putAll(env);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    static void stop(Process app) throws InterruptedException {
        app.descendants().forEach(ProcessHandle::destroy);
        app.destroy();
        if (!app.waitFor(30, TimeUnit.SECONDS)) {
            app.destroyForcibly();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** One Xvfb server for a part (what {@code xvfb-run -a} starts), its display found with {@code -displayfd}. */
    record Xvfb(Process process, String display) implements AutoCloseable {

        static Xvfb start() throws IOException {
            Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String number = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (number == null) {
                throw new IllegalStateException("Xvfb did not start (Debian package xvfb)");
            }
            return new Xvfb(xvfb, ":" + number.strip());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
