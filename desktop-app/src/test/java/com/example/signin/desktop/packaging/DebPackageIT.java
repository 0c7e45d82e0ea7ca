package com.example.signin.desktop.packaging;

import static com.example.signin.desktop.packaging.LinuxPackagingFiles.INSTALL_DIR;
import static com.example.signin.desktop.packaging.LinuxPackagingFiles.PACKAGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.internal.platform.SingleInstance;
import com.example.signin.testsupport.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb that {@code -Ppackage} built ({@code target/installer}): its contents, its maintainer
 * scripts, the files it installs (unpacked with {@code dpkg -x}, and installed and removed with
 * {@code dpkg --root}, in scratch roots), and a link
 * opened with {@code xdg-open} reaching a running instance through the installed .desktop file and
 * {@code open-link}. Skipped when no .deb was built (another OS). Each step prints its duration.
 */
@Timeout(300)
class DebPackageIT {

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final String SCHEME = System.getProperty("installer.scheme", LinuxPackagingFiles.SCHEME);
    private static final boolean LOCAL_MODE = "compile".equals(System.getProperty("installer.localBackend.scope"));

    @TempDir
    static Path scratch;

    static Path deb;
    static Path root;
    static Path app;

    @BeforeAll
    static void unpack() throws Exception {
        Path dir = Path.of(System.getProperty("installer.dir", "target/installer"));
        try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            deb = files.filter(f -> f.toString().endsWith(".deb")).findFirst().orElse(null);
        }
        Assumptions.assumeTrue(deb != null, "no .deb in " + dir + ": run the build with -Ppackage on Linux");
        root = scratch.resolve("root");
        Processes.Result unpacked = step("dpkg -x", List.of("dpkg", "-x", deb.toString(), root.toString()), Map.of());
        assertThat(unpacked.exitCode()).as(unpacked.output()).isZero();
        app = root.resolve(INSTALL_DIR.substring(1));
    }

    @Test
    void thePackageHoldsTheLauncherTheHandOffAndARuntimeWithJavaAndClassDataSharing() throws Exception {
        Processes.Result listing = step("dpkg-deb -c", List.of("dpkg-deb", "-c", deb.toString()), Map.of());
        assertThat(listing.exitCode()).isZero();
        List<String> entries = listing.output().lines().map(l -> l.substring(l.indexOf("./"))).toList();

        assertThat(entries).contains("." + INSTALL_DIR + "/bin/" + PACKAGE, "." + INSTALL_DIR + "/bin/open-link",
                "." + INSTALL_DIR + "/lib/" + PACKAGE + ".desktop", "." + INSTALL_DIR + "/lib/handoff/handoff.jar",
                "." + INSTALL_DIR + "/lib/runtime/bin/java", "." + INSTALL_DIR + "/lib/runtime/lib/server/classes.jsa");
        assertThat(listing.output().lines().filter(l -> l.endsWith("/bin/open-link"))).singleElement()
                .asString().startsWith("-rwxr-xr-x");
        assertThat(entries).as("nothing outside the install folder").allMatch(e -> e.equals("./") || e.equals("./opt/")
                || e.startsWith("." + INSTALL_DIR + "/"));
    }

    @Test
    void theLocalBackendIsBundledOnlyInALocalModeBuild() throws IOException {
        List<String> jars;
        try (Stream<Path> files = Files.list(app.resolve("lib/app"))) {
            jars = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
        }
        List<String> localOnly = List.of("local-backend-", "lambdas-", "DynamoDBLocal-", "greenmail-", "sqlite4java-");

        assertThat(jars).anyMatch(n -> n.startsWith("desktop-app-"));
        if (LOCAL_MODE) {
            assertThat(jars).anyMatch(n -> n.startsWith("local-backend-"));
        } else {
            assertThat(jars).noneMatch(n -> localOnly.stream().anyMatch(n::startsWith));
        }
    }

    @Test
    void theLauncherSkipsTheFirstRunRegistrationAndLooksForABundledConfiguration() throws IOException {
        List<String> cfg = Files.readAllLines(app.resolve("lib/app").resolve(PACKAGE + ".cfg"), StandardCharsets.UTF_8);

        assertThat(cfg).contains("app.mainclass=com.example.signin.desktop.Main",
                "java-options=-Dsignin.schemeRegisteredByInstaller=true",
                "java-options=-Dsignin.bundledConfig=$APPDIR/config.json");
        assertThat(cfg).as("C1 only, as ./run-app starts the app").contains("java-options=-XX:TieredStopAtLevel=1");
        assertThat(app.resolve("lib/app/config.json").toFile().isFile())
                .as("a configuration is bundled exactly when -Dinstaller.config was given")
                .isEqualTo(!System.getProperty("installer.config", "").isBlank());
    }

    @Test
    void theMaintainerScriptsAreOursAndNeverTouchDesktopDirectories() throws Exception {
        Path control = scratch.resolve("control");
        Processes.Result extracted = step("dpkg-deb -e", List.of("dpkg-deb", "-e", deb.toString(), control.toString()), Map.of());
        assertThat(extracted.exitCode()).isZero();
        Map<String, String> tokens = Map.of("SCHEME", SCHEME, "PACKAGE", PACKAGE, "INSTALL_DIR", INSTALL_DIR);

        for (String name : List.of("postinst", "prerm")) {
            assertThat(Files.readString(control.resolve(name))).as(name).isEqualTo(LinuxPackagingFiles.filtered(name, tokens));
        }
        try (Stream<Path> scripts = Files.list(control)) {
            for (Path script : (Iterable<Path>) scripts::iterator) {
                assertThat(Files.readString(script)).as(script.getFileName().toString())
                        .doesNotContain("xdg-desktop-menu").doesNotContain("/usr/share/desktop-directories");
            }
        }
        Processes.Result fields = step("dpkg-deb -f", List.of("dpkg-deb", "-f", deb.toString(), "Package", "Architecture"),
                Map.of());
        assertThat(fields.output()).contains("Package: " + PACKAGE);
    }

    @Test
    void theInstalledDesktopFileHandlesTheSchemeThroughOpenLink() throws IOException {
        List<String> lines = Files.readAllLines(app.resolve("lib").resolve(PACKAGE + ".desktop"), StandardCharsets.UTF_8);

        assertThat(lines).containsExactly(
                "[Desktop Entry]",
                "Type=Application",
                "Version=1.0",
                "Name=Magic-link sign-in",
                "Comment=Signs you in with the link sent by email",
                "Exec=" + INSTALL_DIR + "/bin/open-link -- %u",
                "Icon=" + INSTALL_DIR + "/lib/" + PACKAGE + ".png",
                "Terminal=false",
                "Categories=Network;",
                "StartupNotify=false",
                "MimeType=x-scheme-handler/" + SCHEME + ";");
        assertThat(app.resolve("lib").resolve(PACKAGE + ".png")).isRegularFile();
        assertThat(app.resolve("bin/open-link")).isExecutable();
    }

    @Test
    void postinstRegistersTheSchemeInTheScratchRootAndPrermUnregistersIt() throws Exception {
        Path applications = root.resolve("usr/share/applications");
        Map<String, String> env = Map.of("DPKG_ROOT", root.toString());
        Path control = scratch.resolve("control-scripts");
        step("dpkg-deb -e", List.of("dpkg-deb", "-e", deb.toString(), control.toString()), Map.of());

        Processes.Result postinst = step("postinst configure", List.of("sh", control.resolve("postinst").toString(), "configure"), env);

        assertThat(postinst.exitCode()).as(postinst.output()).isZero();
        assertThat(applications.resolve(PACKAGE + ".desktop")).isRegularFile();
        assertThat(Files.readString(applications.resolve("mimeinfo.cache")))
                .contains("x-scheme-handler/" + SCHEME + "=" + PACKAGE + ".desktop;");
        assertThat(app.resolve("lib/handoff/handoff.jsa")).as("the hand-off's class data sharing archive").isRegularFile();

        Processes.Result prerm = step("prerm remove", List.of("sh", control.resolve("prerm").toString(), "remove"), env);

        assertThat(prerm.exitCode()).as(prerm.output()).isZero();
        assertThat(applications.resolve(PACKAGE + ".desktop")).doesNotExist();
        assertThat(Files.readString(applications.resolve("mimeinfo.cache"))).doesNotContain(SCHEME);
        assertThat(app.resolve("lib/handoff/handoff.jsa")).doesNotExist();
    }

    @Test
    void dpkgInstallsIntoAnEmptyRootWithoutDesktopDirectoriesAndRemovingItUnregistersTheScheme() throws Exception {
        Path target = scratch.resolve("dpkg-root");
        Path admin = Files.createDirectories(target.resolve("var/lib/dpkg"));
        Files.createDirectories(admin.resolve("info"));
        Files.createDirectories(admin.resolve("updates"));
        Files.createFile(admin.resolve("status"));
        // No chroot (the root has no shell): the scripts run here with DPKG_ROOT set, as they allow.
        List<String> dpkg = List.of("dpkg", "--root=" + target, "--force-script-chrootless", "--force-depends", "--force-not-root");
        Path applications = target.resolve("usr/share/applications");

        Processes.Result install = step("dpkg --root -i", concat(dpkg, "-i", deb.toString()), Map.of());

        assertThat(install.exitCode()).as(install.output()).isZero();
        assertThat(target.resolve("usr/share/desktop-directories")).doesNotExist();
        assertThat(applications.resolve(PACKAGE + ".desktop")).isRegularFile();
        assertThat(Files.readString(applications.resolve("mimeinfo.cache")))
                .contains("x-scheme-handler/" + SCHEME + "=" + PACKAGE + ".desktop;");

        Processes.Result remove = step("dpkg --root -r", concat(dpkg, "-r", PACKAGE), Map.of());

        assertThat(remove.exitCode()).as(remove.output()).isZero();
        assertThat(applications.resolve(PACKAGE + ".desktop")).doesNotExist();
        assertThat(Files.readString(applications.resolve("mimeinfo.cache"))).doesNotContain(SCHEME);
        assertThat(target.resolve(INSTALL_DIR.substring(1))).as("nothing left behind").doesNotExist();
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    @Test
    void xdgOpenOnALinkReachesTheRunningInstanceThroughTheInstalledHandler() throws Exception {
        Tools.require("xdg-open", "xdg-utils");
        Tools.require("update-desktop-database", "desktop-file-utils");
        Path home = Files.createDirectories(scratch.resolve("home"));
        Path dataHome = scratch.resolve("xdg-data");
        Path applications = Files.createDirectories(dataHome.resolve("applications"));
        Map<String, String> env = Map.of("HOME", home.toString(), "XDG_DATA_HOME", dataHome.toString(),
                "XDG_CONFIG_HOME", scratch.resolve("xdg-config").toString(), "XDG_DATA_DIRS", scratch.resolve("no-system").toString(),
                "DISPLAY", ":99");
        // The installed desktop file, its paths moved from /opt into the scratch root.
        String desktop = Files.readString(app.resolve("lib").resolve(PACKAGE + ".desktop")).replace(INSTALL_DIR, app.toString());
        Files.writeString(applications.resolve(PACKAGE + ".desktop"), desktop);
        step("update-desktop-database", List.of("update-desktop-database", applications.toString()), env);
        Processes.Result mime = step("xdg-mime default",
                List.of("xdg-mime", "default", PACKAGE + ".desktop", "x-scheme-handler/" + SCHEME), env);
        assertThat(mime.exitCode()).as(mime.output()).isZero();
        Processes.Result query = step("xdg-mime query", List.of("xdg-mime", "query", "default", "x-scheme-handler/" + SCHEME), env);
        assertThat(query.output().strip()).isEqualTo(PACKAGE + ".desktop");

        String link = SCHEME + "://signin#q8W2eR4tY6uI0oP1aS3dF5gH7jK9lZ-xC_vB2nM4qWe";
        LinkedBlockingQueue<String> links = new LinkedBlockingQueue<>();
        try (SingleInstance instance = SingleInstance.tryBind(dataHome.resolve(PACKAGE), links::add).orElseThrow()) {
            assertThat(instance.socket()).exists();
            Processes.Result opened = step("xdg-open", List.of("xdg-open", link), env);

            assertThat(opened.exitCode()).as(opened.output()).isZero();
            assertThat(links.poll(30, TimeUnit.SECONDS)).isEqualTo(link);
        }
    }

    private static Processes.Result step(String name, List<String> command, Map<String, String> env) throws Exception {
        Processes.Result result = Processes.run(command, Processes.cleanEnvironment(env), BOUND);
        System.out.printf("[deb check] %-24s %6d ms (exit %d)%n", name, result.took().toMillis(), result.exitCode());
        return result;
    }
}
