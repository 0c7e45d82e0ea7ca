package com.example.signin.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LaunchArgumentsTest {

    @Test
    void noArgumentsMeanTheDefaults() {
        LaunchArguments args = LaunchArguments.parse();
        assertThat(args.dataDir()).isEmpty();
        assertThat(args.config()).isEmpty();
        assertThat(args.link()).isEmpty();
        assertThat(args.registerScheme()).isFalse();
    }

    @Test
    void everyOptionAndALinkAreRead() {
        LaunchArguments args = LaunchArguments.parse("--data-dir", "/d", "--config=/c.json", "--register-scheme",
                "com.example.signin://signin#x");
        assertThat(args.dataDir()).contains(Path.of("/d"));
        assertThat(args.config()).contains(Path.of("/c.json"));
        assertThat(args.registerScheme()).isTrue();
        assertThat(args.link()).contains("com.example.signin://signin#x");
    }

    @Test
    void mistakesAreNamedWithTheUsage() {
        assertThatThrownBy(() -> LaunchArguments.parse("--data-dir")).hasMessageContaining("--data-dir needs a path")
                .hasMessageContaining("Usage:");
        assertThatThrownBy(() -> LaunchArguments.parse("--colour")).hasMessageContaining("Unknown option --colour");
        assertThatThrownBy(() -> LaunchArguments.parse("a", "b")).hasMessageContaining("at most one link");
        assertThatThrownBy(() -> LaunchArguments.parse("--register-scheme", "--unregister-scheme"))
                .hasMessageContaining("either");
    }
}
