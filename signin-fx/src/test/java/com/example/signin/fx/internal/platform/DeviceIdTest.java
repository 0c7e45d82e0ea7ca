package com.example.signin.fx.internal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceIdTest {

    @TempDir
    Path dataDir;

    private final SecureRandom random = new SecureRandom();

    @Test
    void theFirstCallMakesSixteenRandomBytesInCanonicalBase64UrlAndLaterCallsKeepThem() throws Exception {
        String id = DeviceId.loadOrCreate(dataDir, random);

        assertThat(id).hasSize(22);
        assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getUrlDecoder().decode(id))).isEqualTo(id);
        assertThat(DeviceId.loadOrCreate(dataDir, random)).isEqualTo(id);
        assertThat(DeviceId.loadOrCreate(dataDir, new SecureRandom())).isEqualTo(id);
    }

    @Test
    void twoInstallationsGetDifferentIds(@TempDir Path other) throws Exception {
        assertThat(DeviceId.loadOrCreate(dataDir, random)).isNotEqualTo(DeviceId.loadOrCreate(other, random));
    }

    @Test
    void theFileIsPrivateToTheUser() throws Exception {
        assumeThat(PrivateFiles.isPosix(dataDir)).isTrue();
        DeviceId.loadOrCreate(dataDir, random);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(DeviceId.FILE_NAME))))
                .isEqualTo("rw-------");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "too-short", "AAAAAAAAAAAAAAAAAAAAAB", "AAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAAAAAAAAAAAAAAA"})
    void aDamagedFileIsReplacedByAFreshId(String damaged) throws Exception {
        Files.writeString(dataDir.resolve(DeviceId.FILE_NAME), damaged);

        String id = DeviceId.loadOrCreate(dataDir, random);

        assertThat(DeviceId.isWellFormed(id)).isTrue();
        assertThat(id).isNotEqualTo(damaged);
        assertThat(Files.readString(dataDir.resolve(DeviceId.FILE_NAME)).strip()).isEqualTo(id);
    }

    @Test
    void onlyTheCanonicalFormOfSixteenBytesIsWellFormed() {
        assertThat(DeviceId.isWellFormed("AAAAAAAAAAAAAAAAAAAAAA")).isTrue();
        assertThat(DeviceId.isWellFormed("_-_-_-_-_-_-_-_-_-_-_w")).isTrue();
        // the last character carries 2 bits: a non-zero filler bit is not canonical
        assertThat(DeviceId.isWellFormed("AAAAAAAAAAAAAAAAAAAAAB")).isFalse();
        assertThat(DeviceId.isWellFormed("AAAAAAAAAAAAAAAAAAAAA")).isFalse();
        assertThat(DeviceId.isWellFormed("AAAAAAAAAAAAAAAAAAAA+A")).isFalse();
        assertThat(DeviceId.isWellFormed(null)).isFalse();
    }
}
