package com.example.signin.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MagicLinkBackendPropsTest {

    private static MagicLinkBackendProps fromContext(Map<String, Object> context) {
        return MagicLinkBackendProps.fromContext(context::get);
    }

    @Test
    void missingSenderAddressSaysWhichContextKeyToPass() {
        assertThatThrownBy(() -> fromContext(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Context 'senderAddress' is missing")
                .hasMessageContaining("cdk deploy -c senderAddress=");
    }

    @Test
    void onlyTheSenderIsNeededAndTheRestDefaultsAsTheDesignSays() {
        MagicLinkBackendProps s = fromContext(Map.of("senderAddress", "signin@example.com"));
        assertThat(s.linkExpirySeconds()).isEqualTo(900);
        assertThat(s.requestCooldownSeconds()).isEqualTo(60);
        assertThat(s.maxFailedAttempts()).isEqualTo(5);
        assertThat(s.linksPerAddressPerHour()).isEqualTo(10);
        assertThat(s.pendingLinksPerAddress()).isEqualTo(5);
        assertThat(s.signUpMode()).isEqualTo("open");
        assertThat(s.linkStyle()).isEqualTo("page");
        assertThat(s.allowedEmailDomains()).isEmpty();
        assertThat(s.linkBase()).isEmpty();
        assertThat(s.wafEnabled()).isTrue();
        assertThat(s.lambdaJar()).isEmpty();
        assertThat(s.sandboxRecipients()).isEmpty();
    }

    @Test
    void cdkJsonContextGivesTheSameSettingsAsTheBuilderDefaults() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> cdkJson = new ObjectMapper().readValue(Path.of("cdk.json").toFile(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> context = new HashMap<>((Map<String, Object>) cdkJson.get("context"));
        context.put("senderAddress", "signin@example.com");
        assertThat(fromContext(context)).isEqualTo(MagicLinkBackendProps.builder().senderAddress("signin@example.com").build());
    }

    @Test
    void valuesFromTheCommandLineArriveAsTextAndAreParsed() {
        Map<String, Object> context = new HashMap<>();
        context.put("senderAddress", "signin@example.com");
        context.put("linkExpirySeconds", "600");
        context.put("waf", "false");
        context.put("throttleRateLimit", "2.5");
        context.put("allowedEmailDomains", " Example.COM, example.org ,");
        context.put("signUpMode", "invite-only");
        context.put("linkBase", "https://signin.example.com/");
        context.put("lambdaJar", "some/where.jar");
        context.put("sandboxRecipients", "Alice@Example.org,bob@example.org");
        MagicLinkBackendProps s = fromContext(context);
        assertThat(s.linkExpirySeconds()).isEqualTo(600);
        assertThat(s.wafEnabled()).isFalse();
        assertThat(s.throttleRateLimit()).isEqualTo(2.5);
        assertThat(s.allowedEmailDomains()).containsExactly("example.com", "example.org");
        assertThat(s.signUpMode()).isEqualTo("invite-only");
        assertThat(s.linkBase()).contains("https://signin.example.com/");
        assertThat(s.lambdaJar()).contains(Path.of("some/where.jar"));
        assertThat(s.sandboxRecipients()).containsExactly("alice@example.org", "bob@example.org");
    }

    @Test
    void jsonValuesFromCdkJsonArriveTypedAndAreAccepted() {
        MagicLinkBackendProps s = fromContext(Map.of("senderAddress", "signin@example.com", "memoryMb", 2048, "waf", false,
                "allowedEmailDomains", List.of("example.com")));
        assertThat(s.memoryMb()).isEqualTo(2048);
        assertThat(s.wafEnabled()).isFalse();
        assertThat(s.allowedEmailDomains()).containsExactly("example.com");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            senderAddress          | not-an-address          | Context 'senderAddress' must be an email address
            scheme                 | myapp                   | reverse-DNS
            linkBase               | http://example.com      | https
            linkStyle              | fancy                   | Context 'linkStyle' must be one of page, direct, not: fancy
            linkExpirySeconds      | ten                     | Context 'linkExpirySeconds' must be a whole number of seconds from 60 to 86400, not: ten
            linkExpirySeconds      | 5                       | Context 'linkExpirySeconds' must be a whole number of seconds from 60 to 86400, not: 5
            requestCooldownSeconds | 1.5                     | Context 'requestCooldownSeconds' must be a whole number
            linksPerAddressPerHour | 0                       | Context 'linksPerAddressPerHour' must be a whole number of links from 1 to 1000
            pendingLinksPerAddress | 21                      | Context 'pendingLinksPerAddress' must be a whole number of links from 1 to 20
            maxFailedAttempts      | 0                       | Context 'maxFailedAttempts' must be a whole number of attempts from 1 to 10
            signUpMode             | closed                  | Context 'signUpMode' must be one of open, invite-only
            allowedEmailDomains    | example.com,not a domain| Context 'allowedEmailDomains' holds 'not a domain'
            throttleRateLimit      | 0                       | Context 'throttleRateLimit' must be a number of requests per second
            memoryMb               | 128                     | Context 'memoryMb' must be a whole number of MB (Java needs at least 256 MB) from 256 to 10240
            logRetentionDays       | 10                      | Context 'logRetentionDays' must be one of
            waf                    | maybe                   | Context 'waf' must be true or false
            wafRequestsPer5Minutes | 5                       | Context 'wafRequestsPer5Minutes' must be a whole number of requests from 10
            idTokenMinutes         | 2                       | Context 'idTokenMinutes' must be a whole number of minutes from 5 to 1440
            refreshTokenDays       | 0                       | Context 'refreshTokenDays' must be a whole number of days from 1 to 3650
            sandboxRecipients      | alice                   | Context 'sandboxRecipients' holds 'alice'
            """)
    void aBadValueNamesItsContextKey(String key, String value, String message) {
        Map<String, Object> context = new HashMap<>();
        context.put("senderAddress", "signin@example.com");
        context.put(key, value);
        assertThatThrownBy(() -> fromContext(context)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void theBuilderNeedsASenderAndSaysHowToGiveIt() {
        assertThatThrownBy(() -> MagicLinkBackendProps.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("senderAddress is missing: the sign-in mail needs a From address.")
                .hasMessageContaining("MagicLinkBackendProps.builder().senderAddress(");
    }

    @Test
    void aBadBuilderValueNamesThePropertyWithTheCatalogsRange() {
        assertThatThrownBy(() -> MagicLinkBackendProps.builder().senderAddress("signin@example.com").linkExpirySeconds(5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linkExpirySeconds must be a whole number of seconds from 60 to 86400, not: 5.");
        assertThatThrownBy(() -> MagicLinkBackendProps.builder().senderAddress("signin@example.com").signUpMode("closed").build())
                .hasMessage("signUpMode must be one of open, invite-only, not: closed.");
    }

    @Test
    void theBuilderStartsAtTheCatalogsDefaults() {
        MagicLinkBackendProps props = MagicLinkBackendProps.builder().senderAddress("signin@example.com").build();
        com.example.signin.protocol.Settings defaults = com.example.signin.protocol.Settings.defaults();
        assertThat(props.linkExpirySeconds()).isEqualTo(defaults.integer(com.example.signin.protocol.Setting.LINK_EXPIRY_SECONDS));
        assertThat(props.throttleBurstLimit()).isEqualTo(defaults.integer(com.example.signin.protocol.Setting.THROTTLE_BURST_LIMIT));
        assertThat(props.scheme()).isEqualTo(defaults.text(com.example.signin.protocol.Setting.SCHEME));
        assertThat(props.wafEnabled()).isTrue();
    }
}
