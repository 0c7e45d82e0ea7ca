package com.example.signin.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each setting's rule, through {@link Settings#with}: what a person typing a value sees. */
class SettingTest {

    private static String accepted(Setting setting, String raw) {
        return Settings.defaults().with(setting, raw, "--x").text(setting);
    }

    private static void refused(Setting setting, String raw, String message) {
        assertThatThrownBy(() -> Settings.defaults().with(setting, raw, setting.key()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(setting.key() + " " + message);
    }

    @ParameterizedTest(name = "{0} takes {1} to {2}")
    @CsvSource({
        "LINK_EXPIRY_SECONDS, 60, 86400, seconds",
        "REQUEST_COOLDOWN_SECONDS, 0, 3600, seconds",
        "LINKS_PER_ADDRESS_PER_HOUR, 1, 1000, links",
        "PENDING_LINKS_PER_ADDRESS, 1, 20, links",
        "MAX_FAILED_ATTEMPTS, 1, 10, attempts",
        "THROTTLE_BURST_LIMIT, 1, 5000, requests",
        "MEMORY_MB, 256, 10240, MB (Java needs at least 256 MB)",
        "WAF_REQUESTS_PER_5_MINUTES, 10, 2000000000, requests",
        "ID_TOKEN_MINUTES, 5, 1440, minutes",
        "ACCESS_TOKEN_MINUTES, 5, 1440, minutes",
        "REFRESH_TOKEN_DAYS, 1, 3650, days",
    })
    void aWholeNumberSettingTakesItsRangeAndRefusesOneBeyondEitherEnd(Setting setting, long min, long max, String unit) {
        String allowed = "a whole number of " + unit + " from " + min + " to " + max;
        assertThat(setting.allowed()).isEqualTo(allowed);
        assertThat(accepted(setting, Long.toString(min))).isEqualTo(Long.toString(min));
        assertThat(accepted(setting, Long.toString(max))).isEqualTo(Long.toString(max));
        refused(setting, Long.toString(min - 1), "must be " + allowed + ", not: " + (min - 1) + ".");
        refused(setting, Long.toString(max + 1), "must be " + allowed + ", not: " + (max + 1) + ".");
    }

    @Test
    void aWholeNumberIsWrittenWithoutFractionOrSpaces() {
        assertThat(accepted(Setting.LINK_EXPIRY_SECONDS, " 600.0 ")).isEqualTo("600");
        assertThat(accepted(Setting.LINK_EXPIRY_SECONDS, "6e2")).isEqualTo("600");
    }

    @ParameterizedTest
    @ValueSource(strings = {"600.5", "ten", "", "NaN", "Infinity", "-Infinity", "1e300", "-1e300", "0x258"})
    void aWholeNumberSettingRefusesFractionsWordsAndHugeNumbers(String raw) {
        refused(Setting.LINK_EXPIRY_SECONDS, raw,
                "must be a whole number of seconds from 60 to 86400, not: " + raw.strip() + ".");
    }

    @Test
    void theThrottleRateTakesAnyPositiveRateUpToTenThousand() {
        Setting rate = Setting.THROTTLE_RATE_LIMIT;
        String sentence = "must be a number of requests per second above 0 and at most 10000, not: ";
        assertThat(rate.allowed()).isEqualTo("a number of requests per second above 0 and at most 10000");
        assertThat(accepted(rate, "0.001")).isEqualTo("0.001");
        assertThat(accepted(rate, "0.5")).isEqualTo("0.5");
        assertThat(accepted(rate, "10000")).isEqualTo("10000");
        assertThat(accepted(rate, "25.0")).isEqualTo("25");
        assertThat(Settings.defaults().with(rate, "2.5", "x").decimal(rate)).isEqualTo(2.5);
        refused(rate, "0.0009", sentence + "0.0009.");
        refused(rate, "0", sentence + "0.");
        refused(rate, "10000.001", sentence + "10000.001.");
        refused(rate, "fast", sentence + "fast.");
        refused(rate, "NaN", sentence + "NaN.");
    }

    @Test
    void aChoiceIsTakenInAnyCaseAndWrittenAsListed() {
        assertThat(Setting.SIGN_UP_MODE.choices()).containsExactly("open", "invite-only");
        assertThat(Setting.LINK_STYLE.choices()).containsExactly("page", "direct");
        assertThat(accepted(Setting.SIGN_UP_MODE, "INVITE-ONLY")).isEqualTo("invite-only");
        assertThat(accepted(Setting.LINK_STYLE, "direct")).isEqualTo("direct");
        refused(Setting.LINK_STYLE, "both", "must be one of page, direct, not: both.");
        assertThat(Setting.MAX_FAILED_ATTEMPTS.choices()).isEmpty();
    }

    @Test
    void logRetentionTakesOnlyAPeriodCloudWatchAccepts() {
        Setting days = Setting.LOG_RETENTION_DAYS;
        assertThat(days.choices()).startsWith("1", "3", "5").endsWith("3653").hasSize(22);
        assertThat(accepted(days, "365")).isEqualTo("365");
        assertThat(accepted(days, "3653")).isEqualTo("3653");
        refused(days, "2", "must be " + days.allowed() + ", not: 2.");
        assertThat(days.allowed()).startsWith("one of 1, 3, 5, 7, 14, 30,");
    }

    @ParameterizedTest
    @CsvSource({"true, true", "On, true", "yes, true", "FALSE, false", "off, false", "no, false"})
    void aSwitchTakesTheUsualWordsForOnAndOff(String raw, boolean value) {
        assertThat(Settings.defaults().with(Setting.WAF, raw, "x").bool(Setting.WAF)).isEqualTo(value);
        assertThat(accepted(Setting.WAF, raw)).isEqualTo(Boolean.toString(value));
    }

    @Test
    void aSwitchRefusesAnythingElse() {
        refused(Setting.WAF, "1", "must be true or false, not: 1.");
    }

    @Test
    void theSenderMustBeAnAddressThatCanReceiveMail() {
        assertThat(accepted(Setting.SENDER_ADDRESS, " noreply@example.com ")).isEqualTo("noreply@example.com");
        refused(Setting.SENDER_ADDRESS, "noreply", "must be an email address you can receive mail at, not: noreply.");
    }

    @Test
    void theSenderNameIsOneToSixtyFourPrintableCharactersWithoutQuotes() {
        String sentence = "must be 1 to 64 printable characters without quotes.";
        String sixtyFour = "n".repeat(64);
        assertThat(accepted(Setting.SENDER_NAME, sixtyFour)).isEqualTo(sixtyFour);
        assertThat(accepted(Setting.SENDER_NAME, "Sign-in ~ é")).isEqualTo("Sign-in ~ é");
        refused(Setting.SENDER_NAME, sixtyFour + "n", sentence);
        refused(Setting.SENDER_NAME, " ", sentence);
        refused(Setting.SENDER_NAME, "a\"b", sentence);
        refused(Setting.SENDER_NAME, "a\u001fb", sentence);
        refused(Setting.SENDER_NAME, "a\u007fb", sentence);
        refused(Setting.SENDER_NAME, "a\tb", sentence);
    }

    @Test
    void theSchemeMustBeReverseDns() {
        assertThat(accepted(Setting.SCHEME, "org.example.app")).isEqualTo("org.example.app");
        refused(Setting.SCHEME, "signin", "The URL scheme must be reverse-DNS like com.example.signin, not: signin.");
    }

    @Test
    void theLinkBaseIsEmptyOrAnHttpsUrl() {
        assertThat(accepted(Setting.LINK_BASE, "")).isEmpty();
        assertThat(accepted(Setting.LINK_BASE, "https://links.example.com/signin"))
                .isEqualTo("https://links.example.com/signin");
        refused(Setting.LINK_BASE, "http://links.example.com",
                "The link base must be an https URL (http only on loopback) without query or fragment, not: http://links.example.com.");
    }

    @Test
    void theCorsOriginIsEmptyOrOneOriginWithoutPath() {
        assertThat(accepted(Setting.CORS_ALLOWED_ORIGIN, "")).isEmpty();
        assertThat(accepted(Setting.CORS_ALLOWED_ORIGIN, "https://app.example.com")).isEqualTo("https://app.example.com");
        assertThat(accepted(Setting.CORS_ALLOWED_ORIGIN, "http://localhost:8080")).isEqualTo("http://localhost:8080");
        refused(Setting.CORS_ALLOWED_ORIGIN, "https://app.example.com/", "must be one origin like https://app.example.com"
                + " (scheme, host, optional port; no path), or empty for no CORS headers, not: https://app.example.com/.");
        refused(Setting.CORS_ALLOWED_ORIGIN, "*", "must be one origin like https://app.example.com"
                + " (scheme, host, optional port; no path), or empty for no CORS headers, not: *.");
    }

    @Test
    void allowedDomainsAreAListOfDomainsWithOrWithoutAnAtSign() {
        assertThat(accepted(Setting.ALLOWED_EMAIL_DOMAINS, "@Example.COM, ,example.org,")).isEqualTo("example.com,example.org");
        assertThat(accepted(Setting.ALLOWED_EMAIL_DOMAINS, " ")).isEmpty();
        refused(Setting.ALLOWED_EMAIL_DOMAINS, "example.com,not a domain",
                "holds 'not a domain', which is not a domain like example.com.");
    }

    @Test
    void sandboxRecipientsAreAListOfAddresses() {
        assertThat(accepted(Setting.SANDBOX_RECIPIENTS, "A@example.com,b@example.org")).isEqualTo("a@example.com,b@example.org");
        refused(Setting.SANDBOX_RECIPIENTS, "a@example.com,bob", "holds 'bob', which is not an email address.");
    }

    @Test
    void theLambdaJarIsAnyTextTrimmed() {
        assertThat(accepted(Setting.LAMBDA_JAR, " /tmp/lambdas.jar ")).isEqualTo("/tmp/lambdas.jar");
    }

    @Test
    void aSettingIsFoundByItsContextKeyOnly() {
        assertThat(Setting.byKey("linkExpirySeconds")).contains(Setting.LINK_EXPIRY_SECONDS);
        assertThat(Setting.byKey("sandboxRecipients")).contains(Setting.SANDBOX_RECIPIENTS);
        assertThat(Setting.byKey("LINK_EXPIRY_SECONDS")).isEmpty();
        assertThat(Setting.byKey("linkexpiryseconds")).isEmpty();
    }

    @Test
    void functionSettingsHaveAnEnvironmentVariableAndAwsOnlySettingsNone() {
        assertThat(Setting.SCHEME.environmentName()).contains("URL_SCHEME");
        assertThat(Setting.SCHEME.scope()).isEqualTo(Setting.Scope.FUNCTIONS);
        assertThat(Setting.MEMORY_MB.environmentName()).isEmpty();
        assertThat(Setting.MEMORY_MB.scope()).isEqualTo(Setting.Scope.AWS);
        assertThat(Arrays.stream(Setting.values()).filter(s -> s.scope() == Setting.Scope.FUNCTIONS))
                .allMatch(s -> s.environmentName().isPresent());
    }

    @Test
    void everySettingButTheSenderHasADefaultItsOwnRuleAccepts() {
        assertThat(Setting.SENDER_ADDRESS.defaultValue()).isEmpty();
        for (Setting s : Setting.values()) {
            assertThat(s.description()).as(s.key()).isNotBlank();
            if (s != Setting.SENDER_ADDRESS) {
                String value = s.defaultValue().orElseThrow();
                assertThat(accepted(s, value)).as(s.key()).isEqualTo(value);
            }
        }
    }

    @Test
    void optionsAreTheKeysInKebabCaseWithDigitsKept() {
        assertThat(Setting.WAF_REQUESTS_PER_5_MINUTES.option()).isEqualTo("--waf-requests-per5-minutes");
        assertThat(Setting.MEMORY_MB.option()).isEqualTo("--memory-mb");
        assertThat(Setting.WAF.option()).isEqualTo("--waf");
    }

    @Test
    void aWholeNumberRuleTakesExactlyTheRangeItWasMadeFor() {
        Setting.Kind kind = Setting.Kind.whole(2, 4, "tries");
        assertThat(kind.allowed).isEqualTo("a whole number of tries from 2 to 4");
        assertThat(kind.check.apply("3")).isEqualTo("3");
        assertThatThrownBy(() -> kind.check.apply("5")).hasMessage("must be a whole number of tries from 2 to 4, not: 5");
    }

    @Test
    void aDecimalRuleTakesExactlyTheRangeItWasMadeFor() {
        Setting.Kind kind = Setting.Kind.decimal(0.5, 2, "litres");
        assertThat(kind.allowed).isEqualTo("a number of litres above 0 and at most 2");
        assertThat(kind.check.apply("1.5")).isEqualTo("1.5");
        assertThatThrownBy(() -> kind.check.apply("0.4")).hasMessage("must be a number of litres above 0 and at most 2, not: 0.4");
    }

    @Test
    void aChoiceRuleTakesExactlyItsChoices() {
        Setting.Kind kind = Setting.Kind.choice("red", "green");
        assertThat(kind.choices).containsExactly("red", "green");
        assertThat(kind.check.apply("GREEN")).isEqualTo("green");
        assertThatThrownBy(() -> kind.check.apply("blue")).hasMessage("must be one of red, green, not: blue");
    }

    @Test
    void aListOfNumbersRuleTakesExactlyThoseNumbers() {
        Setting.Kind kind = Setting.Kind.oneOf(7, 30);
        assertThat(kind.choices).containsExactly("7", "30");
        assertThat(kind.check.apply("30")).isEqualTo("30");
        assertThatThrownBy(() -> kind.check.apply("8")).hasMessage("must be one of 7, 30, not: 8");
    }
}
