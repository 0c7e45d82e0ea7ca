package com.example.signin.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void theDefaultsAreThoseOfTheDesign() {
        Settings s = Settings.defaults();
        assertThat(s.integer(Setting.LINK_EXPIRY_SECONDS)).isEqualTo(900);
        assertThat(s.integer(Setting.REQUEST_COOLDOWN_SECONDS)).isEqualTo(60);
        assertThat(s.integer(Setting.LINKS_PER_ADDRESS_PER_HOUR)).isEqualTo(10);
        assertThat(s.integer(Setting.PENDING_LINKS_PER_ADDRESS)).isEqualTo(5);
        assertThat(s.integer(Setting.MAX_FAILED_ATTEMPTS)).isEqualTo(5);
        assertThat(s.text(Setting.SIGN_UP_MODE)).isEqualTo("open");
        assertThat(s.list(Setting.ALLOWED_EMAIL_DOMAINS)).isEmpty();
        assertThat(s.find(Setting.SENDER_ADDRESS)).isEmpty();
    }

    @Test
    void contextEnvironmentAndSettingsFileNameTheSameValueTheSameWay() {
        Settings fromContext = Settings.fromContext(Map.<String, Object>of("linkExpirySeconds", 600, "signUpMode", "Invite-Only",
                "allowedEmailDomains", List.of("Example.com", "@example.org"))::get);
        Settings fromEnvironment = Settings.fromEnvironment(Map.of("LINK_EXPIRY_SECONDS", "600", "SIGN_UP_MODE", "invite-only",
                "ALLOWED_EMAIL_DOMAINS", "example.com, example.org,"));
        Settings fromFile = Settings.fromKeys(Map.of("linkExpirySeconds", "600.0", "signUpMode", "invite-only",
                "allowedEmailDomains", "example.com,example.org"), "settings.json");

        assertThat(fromContext).isEqualTo(fromEnvironment).isEqualTo(fromFile);
        assertThat(fromFile.list(Setting.ALLOWED_EMAIL_DOMAINS)).containsExactly("example.com", "example.org");
    }

    @Test
    void aBadValueIsNamedAsItsSourceNamesIt() {
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("MAX_FAILED_ATTEMPTS", "100")))
                .hasMessage("MAX_FAILED_ATTEMPTS must be a whole number of attempts from 1 to 10, not: 100.");
        assertThatThrownBy(() -> Settings.fromContext(Map.<String, Object>of("maxFailedAttempts", 100)::get))
                .hasMessage("Context 'maxFailedAttempts' must be a whole number of attempts from 1 to 10, not: 100.");
        assertThatThrownBy(() -> Settings.defaults().with(Setting.SIGN_UP_MODE, "closed", "--sign-up-mode"))
                .hasMessage("--sign-up-mode must be one of open, invite-only, not: closed.");
    }

    @Test
    void aSettingsFileWithAnUnknownKeyIsRefusedWithTheKnownKeys() {
        Map<String, Object> entries = new HashMap<>();
        entries.put("signupMode", "open");
        assertThatThrownBy(() -> Settings.fromKeys(entries, "settings.json"))
                .hasMessageContaining("settings.json: 'signupMode' is not a setting")
                .hasMessageContaining("signUpMode");
    }

    @Test
    void environmentCarriesOnlyTheAskedFunctionSettings() {
        Settings s = Settings.defaults().with(Setting.SIGN_UP_MODE, "invite-only", "x");
        assertThat(s.environment(List.of(Setting.SIGN_UP_MODE, Setting.MEMORY_MB)))
                .containsExactly(Map.entry("SIGN_UP_MODE", "invite-only"));
    }

    @Test
    void optionsAreTheKeysInKebabCase() {
        assertThat(Setting.LINKS_PER_ADDRESS_PER_HOUR.option()).isEqualTo("--links-per-address-per-hour");
    }
}
