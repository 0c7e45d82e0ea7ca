package com.example.signin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class ToolsTest {

    @TempDir
    Path temp;

    @Test
    void theFirstExecutableOnThePathWinsAndAFileThatIsNotExecutableIsPassedOver() throws Exception {
        Path first = Files.createDirectories(temp.resolve("first"));
        Path second = Files.createDirectories(temp.resolve("second"));
        Path third = Files.createDirectories(temp.resolve("third"));
        Files.createFile(first.resolve("chromium"));
        Path wanted = executable(second.resolve("chromium"));
        executable(third.resolve("chromium"));

        String path = String.join(File.pathSeparator, first.toString(), second.toString(), third.toString());

        assertThat(Tools.find("chromium", path)).contains(wanted);
        assertThat(Tools.find("aws", path)).isEmpty();
        assertThat(Tools.find("chromium", "")).isEmpty();
    }

    @Test
    void aMissingToolAbortsTheTestNamingTheDebianPackageAndTheCommandThatInstallsIt() {
        assertThatThrownBy(() -> Tools.require("no-such-tool-" + System.nanoTime(), "some-package"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("is not installed (Debian package some-package)")
                .hasMessageContaining("sudo apt-get install some-package")
                .hasMessageContaining("sudo bash .ci/run");
    }

    @Test
    void aToolOnThePathIsFound() {
        assertThat(Tools.require("sh", "dash")).isExecutable();
    }

    private static Path executable(Path file) throws Exception {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        return file;
    }
}
