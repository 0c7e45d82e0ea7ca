package com.example.signin.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @TempDir
    Path temp;

    @Test
    void aWrittenFileIsReadableByItsOwnerOnlyAndItsFolderIsMadeTooWithNoTemporaryFileLeft() throws Exception {
        assumeThat(PrivateFiles.isPosix(temp)).isTrue();
        Path file = temp.resolve("data").resolve("key.json");

        PrivateFiles.writeAtomically(file, "first".getBytes(StandardCharsets.UTF_8));
        PrivateFiles.writeAtomically(file, "second".getBytes(StandardCharsets.UTF_8));

        assertThat(file).hasContent("second");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void anExistingFolderOrFileIsMadePrivate() throws Exception {
        assumeThat(PrivateFiles.isPosix(temp)).isTrue();
        Path dir = Files.createDirectory(temp.resolve("open"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path file = Files.writeString(dir.resolve("socket"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        PrivateFiles.createPrivateDirectory(dir);
        PrivateFiles.makePrivate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
