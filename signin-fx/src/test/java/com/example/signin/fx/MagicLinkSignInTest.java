package com.example.signin.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public API's promises that need no screen: what build() claims and refuses, and the hand-off. */
class MagicLinkSignInTest {

    private static final MagicLinkConfig CONFIG = new MagicLinkConfig("eu-west-1", "eu-west-1_Test1", "client1",
            "http://127.0.0.1:9/api", "http://127.0.0.1:9", "http://127.0.0.1:9/issuer", "com.example.signin",
            Optional.of("http://127.0.0.1:9"), Optional.empty());

    @TempDir
    Path root;

    private DesktopEnvironment environment(String dataDir) {
        return new DesktopEnvironment("test-app", new AppFolders(root.resolve(dataDir), root.resolve("config")),
                Map.of("HOME", root.toString()), root, AppFolders.Os.LINUX,
                new LauncherCommand(Path.of("/bin/true"), List.of(), List.of()));
    }

    private MagicLinkSignIn.Builder builder(String dataDir) {
        return MagicLinkSignIn.builder().environment(environment(dataDir)).config(CONFIG).registerSchemeOnFirstRun(false);
    }

    @Test
    void aBuilderWithoutConfigurationOrNameSaysWhatIsMissing() {
        assertThatThrownBy(() -> MagicLinkSignIn.builder().appName("my-app").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("configuration");
        assertThatThrownBy(() -> MagicLinkSignIn.builder().config(CONFIG).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("appName");
        assertThatThrownBy(() -> MagicLinkSignIn.builder().appName("../etc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app name");
    }

    @Test
    void buildClaimsAPrivateDataFolderAndASecondCopyOnItIsToldTheFirstRuns() throws Exception {
        try (MagicLinkSignIn first = builder("data").build()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("data")))).isEqualTo("rwx------");
            assertThat(first.session().get()).isNull();
            assertThat(first.accessToken()).isEmpty();
            assertThatThrownBy(() -> builder("data").arguments(List.of("--", "com.example.signin://signin#abc")).build())
                    .isInstanceOfSatisfying(MagicLinkSignIn.AlreadyRunningException.class,
                            e -> assertThat(e.result()).isEqualTo(HandOff.Result.DELIVERED))
                    .hasMessageContaining("already running");
            assertThat(HandOff.offer(root.resolve("data"), Optional.empty())).isEqualTo(HandOff.Result.DELIVERED);
        }
        assertThat(HandOff.offer(root.resolve("data"), Optional.of("com.example.signin://signin#abc")))
                .as("closed: nobody listens any more").isEqualTo(HandOff.Result.NO_INSTANCE);
    }

    @Test
    void aSplitLinkOnTheCommandLineIsRefusedBeforeAnythingIsClaimed() {
        assertThatThrownBy(() -> builder("split").arguments(List.of("com.example.signin://signin#abc", "--config=x")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("The app refused this link");
        assertThat(root.resolve("split")).doesNotExist();
    }

    @Test
    void theViewBelongsToTheJavaFxThread() throws Exception {
        try (MagicLinkSignIn signIn = builder("fx").build()) {
            assertThatThrownBy(signIn::view).isInstanceOf(IllegalStateException.class).hasMessageContaining("JavaFX");
            assertThatThrownBy(signIn::signOut).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void theTitleSpeaksTheChosenLanguage() throws Exception {
        try (MagicLinkSignIn english = builder("en").language(UiLanguage.ENGLISH).build();
                MagicLinkSignIn german = builder("de").language(UiLanguage.GERMAN).build()) {
            assertThat(english.title()).isEqualTo("Magic-link sign-in");
            assertThat(german.title()).isEqualTo("Anmelden per Link");
        }
    }
}
