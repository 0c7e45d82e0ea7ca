package com.example.signin.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppFoldersTest {

    private final Path home = Path.of("/home/alice");

    @Test
    void linuxUsesTheXdgFoldersWhenSet() {
        AppFolders folders = AppFolders.resolve("Linux", Map.of("XDG_DATA_HOME", "/data", "XDG_CONFIG_HOME", "/conf"), home,
                Optional.empty());
        assertThat(folders.dataDir()).isEqualTo(Path.of("/data/magic-link-signin"));
        assertThat(folders.configDir()).isEqualTo(Path.of("/conf/magic-link-signin"));
    }

    @Test
    void linuxFallsBackToTheSpecDefaultsWhenUnsetOrRelative() {
        AppFolders folders = AppFolders.resolve("Linux", Map.of("XDG_DATA_HOME", "relative/dir"), home, Optional.empty());
        assertThat(folders.dataDir()).isEqualTo(Path.of("/home/alice/.local/share/magic-link-signin"));
        assertThat(folders.configDir()).isEqualTo(Path.of("/home/alice/.config/magic-link-signin"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        AppFolders folders = AppFolders.resolve("Mac OS X", Map.of("XDG_DATA_HOME", "/ignored"), home, Optional.empty());
        assertThat(folders.dataDir()).isEqualTo(Path.of("/home/alice/Library/Application Support/magic-link-signin"));
    }

    @Test
    void windowsUsesLocalAppDataForDataAndAppDataForConfig() {
        AppFolders folders = AppFolders.resolve("Windows 11", Map.of("LOCALAPPDATA", "/local", "APPDATA", "/roaming"), home,
                Optional.empty());
        assertThat(folders.dataDir()).isEqualTo(Path.of("/local/magic-link-signin"));
        assertThat(folders.configDir()).isEqualTo(Path.of("/roaming/magic-link-signin"));
    }

    @Test
    void theDataDirOptionWinsOverTheConvention() {
        AppFolders folders = AppFolders.resolve("Linux", Map.of("XDG_DATA_HOME", "/data"), home, Optional.of(Path.of("/portable/x/../data")));
        assertThat(folders.dataDir()).isEqualTo(Path.of("/portable/data"));
    }
}
