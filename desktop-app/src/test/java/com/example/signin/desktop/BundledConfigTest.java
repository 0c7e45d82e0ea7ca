package com.example.signin.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.MagicLinkConfig;
import com.example.signin.fx.AppFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration an installer bundles ({@code -Dsignin.bundledConfig}) comes after the user's own. */
class BundledConfigTest {

    private static final String OUTPUTS = """
            {"MagicLinkSignIn": {"region": "eu-west-1", "userPoolId": "eu-west-1_AbC123xyz",
             "clientId": "4tq7example0client1id2", "apiUrl": "https://abc.execute-api.eu-west-1.amazonaws.com/prod/",
             "linkBase": "https://abc.execute-api.eu-west-1.amazonaws.com/prod",
             "issuer": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz", "scheme": "%s"}}
            """;

    @TempDir
    Path temp;

    @AfterEach
    void clearProperty() {
        System.clearProperty(AppStartup.BUNDLED_CONFIG_PROPERTY);
    }

    @Test
    void theBundledConfigurationIsReadWhenTheUserHasNone() throws Exception {
        Path bundled = Files.writeString(temp.resolve("config.json"), OUTPUTS.formatted("org.example.bundled"));
        System.setProperty(AppStartup.BUNDLED_CONFIG_PROPERTY, bundled.toString());
        AppFolders folders = new AppFolders(temp.resolve("data"), temp.resolve("empty-config-folder"));

        Optional<MagicLinkConfig> config = AppStartup.readConfig(LaunchArguments.parse(), folders);

        assertThat(config).map(MagicLinkConfig::scheme).contains("org.example.bundled");
    }

    @Test
    void theUsersConfigFolderWinsOverTheBundledConfiguration() throws Exception {
        Path bundled = Files.writeString(temp.resolve("config.json"), OUTPUTS.formatted("org.example.bundled"));
        System.setProperty(AppStartup.BUNDLED_CONFIG_PROPERTY, bundled.toString());
        Path configFolder = Files.createDirectories(temp.resolve("user-config"));
        Files.writeString(configFolder.resolve("config.json"), OUTPUTS.formatted("org.example.mine"));

        Optional<MagicLinkConfig> config = AppStartup.readConfig(LaunchArguments.parse(), new AppFolders(temp.resolve("data"), configFolder));

        assertThat(config).map(MagicLinkConfig::scheme).contains("org.example.mine");
    }

    @Test
    void aMissingBundledFileMeansLocalModeAndTheLocalBackendIsOnTheDevelopmentClassPath() throws Exception {
        System.setProperty(AppStartup.BUNDLED_CONFIG_PROPERTY, temp.resolve("absent.json").toString());

        assertThat(AppStartup.readConfig(LaunchArguments.parse(), new AppFolders(temp.resolve("d"), temp.resolve("c")))).isEmpty();
        assertThat(AppStartup.localBackendBundled()).isTrue();
    }
}
