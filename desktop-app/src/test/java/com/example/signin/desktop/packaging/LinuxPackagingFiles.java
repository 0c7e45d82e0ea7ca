package com.example.signin.desktop.packaging;

import com.example.signin.fx.HandOff;
import java.nio.file.FileSystem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The packaging sources under {@code src/packaging} and the installed layout they make, built the
 * way {@code src/packaging/package.xml} does (tokens, hand-off jar), for tests that need no jpackage.
 */
final class LinuxPackagingFiles {

    static final Path SOURCES = Path.of("src", "packaging");
    static final String PACKAGE = "magic-link-signin";
    static final String INSTALL_DIR = "/opt/" + PACKAGE;
    static final String SCHEME = "com.example.signin";

    private LinuxPackagingFiles() {
    }

    /** A template from {@code src/packaging/linux} with its {@code @TOKEN@}s filled in as the build does. */
    static String filtered(String name, Map<String, String> tokens) throws IOException {
        String text = Files.readString(SOURCES.resolve("linux").resolve(name), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            text = text.replace("@" + token.getKey() + "@", token.getValue());
        }
        return text;
    }

    static Map<String, String> defaultTokens() {
        return Map.of("SCHEME", SCHEME, "PACKAGE", PACKAGE, "INSTALL_DIR", INSTALL_DIR, "PIPE_HAND_OVER", pipeHandOver());
    }

    /** The shell function package.xml puts into open-link, from the sign-in library's jar (or classes). */
    static String pipeHandOver() {
        try (java.io.InputStream in = HandOff.class.getResourceAsStream("/com/example/signin/fx/internal/platform/link-pipe.sh")) {
            return new String(java.util.Objects.requireNonNull(in, "link-pipe.sh").readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The hand-off jar: the compiled classes that {@code handoff-classes.txt} lists, from the app's
     * {@code classes} and from signin-fx (a folder in the reactor, else its jar), and nothing else.
     */
    static void writeHandoffJar(Path classes, Path jar) throws IOException {
        Path library;
        try {
            library = Path.of(HandOff.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        if (Files.isDirectory(library)) {
            writeHandoffJar(List.of(classes, library), jar);
            return;
        }
        try (FileSystem libraryJar = FileSystems.newFileSystem(library)) {
            writeHandoffJar(List.of(classes, libraryJar.getPath("/")), jar);
        }
    }

    private static void writeHandoffJar(List<Path> roots, Path jar) throws IOException {
        List<PathMatcher> matchers = Files.readAllLines(SOURCES.resolve("handoff-classes.txt"), StandardCharsets.UTF_8)
                .stream().map(String::strip).filter(l -> !l.isEmpty())
                .map(pattern -> FileSystems.getDefault().getPathMatcher("glob:" + pattern))
                .toList();
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            for (Path classes : roots) {
                try (Stream<Path> files = Files.walk(classes)) {
                    for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        String relative = classes.relativize(file).toString().replace('\\', '/');
                        if (matchers.stream().anyMatch(m -> m.matches(Path.of(relative)))) {
                            jarOut.putNextEntry(new JarEntry(relative));
                            jarOut.write(Files.readAllBytes(file));
                            jarOut.closeEntry();
                        }
                    }
                }
            }
        }
    }

    /**
     * The installed app's hand-off files under {@code root + INSTALL_DIR}: {@code bin/open-link},
     * {@code lib/<package>.desktop}, {@code lib/handoff/handoff.jar}, and {@code lib/runtime}
     * linked to this JVM. Returns the app folder.
     */
    static Path installLayout(Path root, Path classes) throws IOException {
        Path app = root.resolve(INSTALL_DIR.substring(1));
        Files.createDirectories(app.resolve("bin"));
        Files.createDirectories(app.resolve("lib"));
        writeExecutable(app.resolve("bin/open-link"), filtered("open-link", defaultTokens()));
        Files.writeString(app.resolve("lib/" + PACKAGE + ".desktop"), filtered(PACKAGE + ".desktop", defaultTokens()));
        Files.createSymbolicLink(app.resolve("lib/runtime"), Path.of(System.getProperty("java.home")));
        writeHandoffJar(classes, app.resolve("lib/handoff/handoff.jar"));
        return app;
    }

    static void writeExecutable(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
