package com.example.signin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.signin.protocol.Secrets;
import com.example.signin.protocol.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/** The local backend takes the CDK app's settings, from a settings file and from options. */
@Timeout(180)
class SettingsFileTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void inviteOnlyFromASettingsFileRefusesAnOutsiderWithTheSameAnswerAndNoMail() throws Exception {
        Path settings = Files.writeString(dir.resolve("settings.json"), "{\"signUpMode\": \"invite-only\", \"memoryMb\": 2048}");
        LocalBackendOptions options = BackendCommandLine.parse("--data-dir", dir.resolve("data").toString(),
                "--settings", settings.toString()).options();
        assertThat(options.settings().text(Setting.SIGN_UP_MODE)).isEqualTo("invite-only");

        try (LocalBackend backend = LocalBackend.start(options);
             CognitoIdentityProviderClient cognito = TestClients.cognito(backend.endpoints())) {
            Endpoints e = backend.endpoints();
            cognito.adminCreateUser(b -> b.userPoolId(e.userPoolId()).username("member@example.com")
                    .messageAction(MessageActionType.SUPPRESS)
                    .userAttributes(AttributeType.builder().name("email").value("member@example.com").build()));
            OkHttpClient http = TestClients.http();
            SignInDriver app = new SignInDriver(backend, http, cognito);

            String member = answer(app, e, "member@example.com");
            String outsider = answer(app, e, "outsider@example.com");

            assertThat(outsider).isEqualTo(member);
            assertThat(app.messages("member@example.com").size()).isEqualTo(1);
            assertThat(app.messages("outsider@example.com").size()).isZero();
            assertThatThrownBy(() -> cognito.adminGetUser(b -> b.userPoolId(e.userPoolId()).username("outsider@example.com")))
                    .isInstanceOf(software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException.class);
        }
    }

    private static String answer(SignInDriver app, Endpoints e, String email) throws Exception {
        String body = "{\"email\":\"" + email + "\",\"codeChallenge\":\"" + com.example.signin.protocol.CodeChallenge.s256(
                Secrets.generate(RANDOM)) + "\",\"codeChallengeMethod\":\"S256\",\"locale\":\"en\"}";
        try (Response response = app.post(e.apiUrl() + "/signin", body)) {
            assertThat(response.code()).isEqualTo(202);
            return response.body().string();
        }
    }

    @Test
    void anOptionBeatsTheFileAndABadValueIsNamedByItsOption() throws Exception {
        Path settings = Files.writeString(dir.resolve("cdk.json"),
                "{\"app\": \"java ...\", \"context\": {\"requestCooldownSeconds\": 30, \"waf\": true}}");
        LocalBackendOptions options = BackendCommandLine.parse("--data-dir", dir.toString(), "--settings", settings.toString(),
                "--request-cooldown-seconds", "10").options();
        assertThat(options.settings().integer(Setting.REQUEST_COOLDOWN_SECONDS)).isEqualTo(10);

        assertThatThrownBy(() -> BackendCommandLine.parse("--data-dir", dir.toString(), "--link-expiry-seconds", "5"))
                .hasMessage("--link-expiry-seconds must be a whole number of seconds from 60 to 86400, not: 5.");
        Files.writeString(dir.resolve("typo.json"), "{\"signupMode\": \"invite-only\"}");
        assertThatThrownBy(() -> BackendCommandLine.parse("--data-dir", dir.toString(), "--settings", dir.resolve("typo.json").toString()))
                .hasMessageContaining("'signupMode' is not a setting");
        assertThatThrownBy(() -> BackendCommandLine.parse("--port", "1")).hasMessageContaining("--data-dir is required");
    }

    @Test
    void aMistypedRepeatedOrIncompleteOptionIsRefusedByName() {
        assertThatThrownBy(() -> BackendCommandLine.parse("--data-dir", dir.toString(), "--prot", "1"))
                .hasMessage("Unknown option: '--prot'");
        assertThatThrownBy(() -> BackendCommandLine.parse("--data-dir", dir.toString(), "8080"))
                .hasMessageStartingWith("Unexpected argument: '8080'");
        assertThatThrownBy(() -> BackendCommandLine.parse("--data-dir"))
                .hasMessage("Missing value for option '--data-dir' (DIR)");
        assertThatThrownBy(() -> BackendCommandLine.parse("--data-dir", dir.toString(), "--port", "1", "--port", "2"))
                .hasMessage("Option '--port' is given more than once");
        assertThatThrownBy(() -> BackendCommandLine.parse("--data-dir", dir.toString(), "--port", "http"))
                .hasMessage("--port must be a number from 0 to 65535, not: http");
    }

    @Test
    void anOptionMayCarryItsValueAfterAnEqualsSign() {
        LocalBackendOptions options = BackendCommandLine.parse("--data-dir=" + dir, "--port=8123", "--sign-up-mode=invite-only")
                .options();
        assertThat(options.dataDir()).isEqualTo(dir);
        assertThat(options.port()).isEqualTo(8123);
        assertThat(options.settings().find(Setting.SIGN_UP_MODE)).contains("invite-only");
    }

    @Test
    void helpListsEverySettingWithItsDefault() {
        String help = BackendCommandLine.parse("--help").help();
        assertThat(help).contains("--data-dir", "--settings", "--sign-up-mode", "--links-per-address-per-hour",
                "Default: 900", "one of open, invite-only");
    }
}
