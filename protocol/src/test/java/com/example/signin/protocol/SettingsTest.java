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

    @Test
    void aBlankOrMissingVariableLeavesTheDefaultAndAwsOnlySettingsAreNotReadFromTheEnvironment() {
        Settings s = Settings.fromEnvironment(Map.of("LINK_EXPIRY_SECONDS", "  ", "MEMORY_MB", "512",
                "memoryMb", "512", "REQUEST_COOLDOWN_SECONDS", "0"));
        assertThat(s.integer(Setting.LINK_EXPIRY_SECONDS)).isEqualTo(900);
        assertThat(s.integer(Setting.MEMORY_MB)).isEqualTo(1024);
        assertThat(s.integer(Setting.REQUEST_COOLDOWN_SECONDS)).isZero();
    }

    @Test
    void aContextKeyThatIsAbsentOrNullLeavesTheDefault() {
        Map<String, Object> context = new HashMap<>();
        context.put("linkExpirySeconds", null);
        context.put("waf", false);
        context.put("sandboxRecipients", List.of("a@example.com", "b@example.com"));
        Settings s = Settings.fromContext(context::get);
        assertThat(s.integer(Setting.LINK_EXPIRY_SECONDS)).isEqualTo(900);
        assertThat(s.bool(Setting.WAF)).isFalse();
        assertThat(s.list(Setting.SANDBOX_RECIPIENTS)).containsExactly("a@example.com", "b@example.com");
        assertThat(s).isNotEqualTo(Settings.defaults()).isNotEqualTo("Settings");
        assertThat(Settings.fromContext(key -> null)).isEqualTo(Settings.defaults());
    }

    @Test
    void aSettingsFileEntryThatIsNullLeavesTheDefaultAndABadOneIsNamedWithTheFile() {
        Map<String, Object> entries = new HashMap<>();
        entries.put("linkExpirySeconds", null);
        entries.put("memoryMb", 2048);
        Settings s = Settings.fromKeys(entries, "settings.json");
        assertThat(s.integer(Setting.LINK_EXPIRY_SECONDS)).isEqualTo(900);
        assertThat(s.integer(Setting.MEMORY_MB)).isEqualTo(2048);
        assertThatThrownBy(() -> Settings.fromKeys(Map.of("memoryMb", 128), "settings.json"))
                .hasMessage("settings.json: 'memoryMb' must be a whole number of MB (Java needs at least 256 MB)"
                        + " from 256 to 10240, not: 128.");
    }

    @Test
    void aMessageThatEndsWithAFullStopGetsNoSecond() {
        assertThatThrownBy(() -> Settings.defaults().with(Setting.WAF, "maybe.", "WAF"))
                .hasMessage("WAF must be true or false, not: maybe.");
    }

    @Test
    void aRequiredSettingThatWasNotGivenIsNamedWithItsVariableAndPurpose() {
        assertThatThrownBy(() -> Settings.defaults().text(Setting.SENDER_ADDRESS))
                .hasMessage("senderAddress (SENDER_ADDRESS) is not set: " + Setting.SENDER_ADDRESS.description());
        assertThat(Settings.defaults().with(Setting.SENDER_ADDRESS, "noreply@example.com", "x").text(Setting.SENDER_ADDRESS))
                .isEqualTo("noreply@example.com");
    }

    @Test
    void changingOneSettingLeavesTheOriginalAsItWas() {
        Settings defaults = Settings.defaults();
        Settings changed = defaults.with(Setting.MAX_FAILED_ATTEMPTS, "3", "x");
        assertThat(defaults.integer(Setting.MAX_FAILED_ATTEMPTS)).isEqualTo(5);
        assertThat(changed.integer(Setting.MAX_FAILED_ATTEMPTS)).isEqualTo(3);
        assertThat(changed.find(Setting.MAX_FAILED_ATTEMPTS)).contains("3");
        assertThat(changed.integer(Setting.LINK_EXPIRY_SECONDS)).isEqualTo(900);
        assertThat(changed.toString()).contains("MAX_FAILED_ATTEMPTS=3");
    }

    @Test
    void environmentLeavesOutUnsetAndAwsOnlySettingsAndKeepsTheEnumOrder() {
        Settings s = Settings.defaults();
        assertThat(s.environment(List.of(Setting.SIGN_UP_MODE, Setting.SENDER_ADDRESS, Setting.LINK_EXPIRY_SECONDS, Setting.WAF)))
                .containsExactly(Map.entry("LINK_EXPIRY_SECONDS", "900"), Map.entry("SIGN_UP_MODE", "open"));
        assertThat(s.environment(List.of())).isEmpty();
    }

    @Test
    void theKeysAreEverySettingsContextKeyInOrder() {
        assertThat(Settings.keys()).hasSize(Setting.values().length).startsWith("senderAddress", "senderName")
                .endsWith("sandboxRecipients");
    }
}
