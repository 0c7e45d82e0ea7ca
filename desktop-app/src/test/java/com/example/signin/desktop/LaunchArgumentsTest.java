package com.example.signin.desktop;

import com.example.signin.fx.UiLanguage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        assertThatThrownBy(() -> LaunchArguments.parse("a", "b")).hasMessageContaining("must be the last argument");
        assertThatThrownBy(() -> LaunchArguments.parse("--register-scheme", "--unregister-scheme"))
                .hasMessageContaining("either");
    }

    @Test
    void optionsAfterTheLinkAreRefusedNotRead() {
        assertThatThrownBy(() -> LaunchArguments.parse("--data-dir", "/d", "com.example.signin://signin#x",
                "--config=\\\\host\\share\\x.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the link must be the last argument");
        assertThatThrownBy(() -> LaunchArguments.parse("--", "com.example.signin://signin#x", "--config", "/evil.json"))
                .hasMessageContaining("the link must be the last argument");
    }

    @Test
    void afterTheDoubleDashTheNextArgumentIsTheLinkEvenWhenItLooksLikeAnOption() {
        LaunchArguments args = LaunchArguments.parse("--data-dir", "/d", "--", "--register-scheme");
        assertThat(args.link()).contains("--register-scheme");
        assertThat(args.registerScheme()).isFalse();
        assertThat(args.dataDir()).contains(Path.of("/d"));
        assertThatThrownBy(() -> LaunchArguments.parse("--data-dir", "/d", "--")).hasMessageContaining("followed by the link");
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.signin://signin#a\" --config=/x.json", "com.example.signin://signin#a b",
        "com.example.signin://signin#a\tb", "com.example.signin://signin#a\nb", "com.example.signin://signin#a\u00a0b"})
    void aLinkWithAQuoteOrWhiteSpaceIsRefused(String link) {
        assertThatThrownBy(() -> LaunchArguments.parse("--data-dir", "/d", "--", link))
                .hasMessageContaining("never holds a quote or white space");
        assertThatThrownBy(() -> LaunchArguments.parse(link)).hasMessageContaining("never holds a quote or white space");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"de, GERMAN", "DE, GERMAN", "de-AT, GERMAN", "de_CH, GERMAN", "en, ENGLISH", "en-GB, ENGLISH"})
    void theLocaleOptionPicksTheScreensLanguage(String tag, UiLanguage language) {
        assertThat(LaunchArguments.parse("--locale", tag).language()).contains(language);
        assertThat(LaunchArguments.parse("--locale=" + tag).language()).contains(language);
    }

    @Test
    void anUnknownLocaleIsNamedWithTheLanguagesThereAre() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LaunchArguments.parse("--locale", "fr"))
                .hasMessageContaining("--locale fr is not a language of this app; use one of de, en.")
                .hasMessageContaining("Usage:");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LaunchArguments.parse("--locale"))
                .hasMessageContaining("--locale needs a language after it: de, en.");
    }

    @Test
    void withoutTheOptionTheOsLocaleDecides() {
        assertThat(LaunchArguments.parse().language()).isEmpty();
        assertThat(UiLanguage.forLocale(java.util.Locale.GERMANY)).isEqualTo(UiLanguage.GERMAN);
        assertThat(UiLanguage.forLocale(java.util.Locale.forLanguageTag("de-AT"))).isEqualTo(UiLanguage.GERMAN);
        assertThat(UiLanguage.forLocale(java.util.Locale.FRANCE)).isEqualTo(UiLanguage.ENGLISH);
        assertThat(UiLanguage.forLocale(java.util.Locale.US)).isEqualTo(UiLanguage.ENGLISH);
    }
}
