package com.example.signin.lambdas.internal;

import com.example.signin.lambdas.service.LinkStyle;
import com.example.signin.lambdas.service.MagicLinkSettings;
import com.example.signin.lambdas.service.SignUpPolicy;
import com.example.signin.lambdas.service.SmtpMailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Environment variables are read once, with defaults, and every mistake names the variable. */
class ConfigurationTest {

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("USER_POOL_ID", "eu-west-1_AbCdEf123");
        env.put("URL_SCHEME", "com.example.signin");
        env.put("LINK_BASE", "https://signin.example.com");
        return env;
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> env = minimal();
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return env;
    }

    @Test
    void theDefaultsAreThoseOfTheDesign() {
        MagicLinkSettings settings = LambdaWiring.settings(minimal());

        assertThat(settings.linkExpiry()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.requestCooldown()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.linkStyle()).isEqualTo(LinkStyle.PAGE);
        assertThat(settings.signUpPolicy().mode()).isEqualTo(SignUpPolicy.Mode.OPEN);
        assertThat(settings.signUpPolicy().allowedDomains()).isEmpty();
        assertThat(settings.linksPerAddressPerHour()).isEqualTo(10);
        assertThat(settings.pendingLinksPerAddress()).isEqualTo(5);
        assertThat(settings.maxFailedAttempts()).isEqualTo(5);
        assertThat(settings.linkFormat().pageLink("A".repeat(42) + "A")).startsWith("https://signin.example.com/open#");
    }

    @Test
    void everySettingCanBeChanged() {
        Map<String, String> env = minimal();
        env.put("LINK_EXPIRY_SECONDS", "600");
        env.put("REQUEST_COOLDOWN_SECONDS", "30");
        env.put("LINK_STYLE", "direct");
        env.remove("LINK_BASE");
        env.put("SIGN_UP_MODE", "invite-only");
        env.put("ALLOWED_EMAIL_DOMAINS", " Example.com , @example.org,,");
        env.put("LINKS_PER_ADDRESS_PER_HOUR", "3");
        env.put("PENDING_LINKS_PER_ADDRESS", "2");

        MagicLinkSettings settings = LambdaWiring.settings(env);

        assertThat(settings.linkExpiry()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.requestCooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.linkStyle()).isEqualTo(LinkStyle.DIRECT);
        assertThat(settings.signUpPolicy().mode()).isEqualTo(SignUpPolicy.Mode.INVITE_ONLY);
        assertThat(settings.signUpPolicy().allowedDomains()).isEqualTo(Set.of("example.com", "example.org"));
        assertThat(settings.linksPerAddressPerHour()).isEqualTo(3);
        assertThat(settings.pendingLinksPerAddress()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(nullValues = "UNSET", value = {
            // variable,               value,                    the message names
            "USER_POOL_ID,             UNSET,                    USER_POOL_ID is not set",
            "LINK_EXPIRY_SECONDS,      fifteen,                  LINK_EXPIRY_SECONDS must be a whole number of seconds from 60 to 86400",
            "LINK_EXPIRY_SECONDS,      10,                       LINK_EXPIRY_SECONDS must be a whole number",
            "REQUEST_COOLDOWN_SECONDS, -1,                       REQUEST_COOLDOWN_SECONDS must be a whole number",
            "URL_SCHEME,               UNSET,                    URL_SCHEME is not set",
            "URL_SCHEME,               signin,                   reverse-DNS",
            "LINK_BASE,                UNSET,                    LINK_BASE is not set",
            "LINK_BASE,                http://signin.example.com, https URL",
            "LINK_STYLE,               email,                    'LINK_STYLE must be one of page, direct'",
            "SIGN_UP_MODE,             closed,                   'SIGN_UP_MODE must be one of open, invite-only'",
            "ALLOWED_EMAIL_DOMAINS,    'example.com,not a domain', 'ALLOWED_EMAIL_DOMAINS holds ''not a domain'', which is not a domain'",
            "LINKS_PER_ADDRESS_PER_HOUR, lots,                   LINKS_PER_ADDRESS_PER_HOUR must be a whole number of links from 1 to 1000",
    })
    void aMissingOrBadValueStopsStartupWithASentenceNamingIt(String name, String value, String message) {
        assertThatThrownBy(() -> LambdaWiring.settings(with(name, value)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message);
    }

    @Test
    void theLambdaSettingsOutsideTheServiceAreCheckedToo() {
        Environment empty = new Environment(Map.of());
        assertThatThrownBy(() -> LambdaWiring.linkTable(empty)).hasMessageContaining("LINK_TABLE is not set");
        assertThatThrownBy(() -> LambdaWiring.linkQueueUrl(empty)).hasMessageContaining("LINK_QUEUE_URL is not set");
        assertThatThrownBy(() -> LambdaWiring.linkKeys(empty, () -> null)).hasMessageContaining("DEPLOYMENT_SECRET_ARN is not set");
        assertThatThrownBy(() -> new AwsClients(empty)).hasMessageContaining("AWS_REGION is not set");
        assertThatThrownBy(() -> LambdaWiring.mailSender(empty)).hasMessageContaining("SENDER_ADDRESS is not set");
        assertThatThrownBy(() -> LambdaWiring.mailSender(new Environment(Map.of("SENDER_ADDRESS", "not-an-address"))))
                .hasMessageContaining("SENDER_ADDRESS");
        assertThatThrownBy(() -> LambdaWiring.mailer(new Environment(Map.of("SENDER_ADDRESS", "a@example.com", "MAIL_TRANSPORT", "smtp")), () -> null))
                .hasMessageContaining("SMTP_HOST is not set");
        assertThatThrownBy(() -> LambdaWiring.mailer(new Environment(Map.of("SENDER_ADDRESS", "a@example.com", "MAIL_TRANSPORT", "pigeon")), () -> null))
                .hasMessageContaining("MAIL_TRANSPORT must be one of ses, smtp");
        assertThatThrownBy(() -> LambdaWiring.corsAllowedOrigin(new Environment(Map.of("CORS_ALLOWED_ORIGIN", "https://app.example.com/path"))))
                .hasMessageContaining("CORS_ALLOWED_ORIGIN must be one origin");
        assertThatThrownBy(() -> LambdaWiring.linkVerifier(new Environment(Map.of("LINK_TABLE", "t", "MAX_FAILED_ATTEMPTS", "0")),
                null, null, java.time.Clock.systemUTC()))
                .hasMessageContaining("MAX_FAILED_ATTEMPTS must be a whole number of attempts from 1 to 10");
    }

    @Test
    void smtpTransportIsBuiltFromHostAndPort() {
        assertThat(LambdaWiring.mailer(new Environment(Map.of("SENDER_ADDRESS", "a@example.com", "MAIL_TRANSPORT", "SMTP",
                "SMTP_HOST", "127.0.0.1", "SMTP_PORT", "2525")), () -> null)).isInstanceOf(SmtpMailer.class);
        try (var ses = software.amazon.awssdk.services.sesv2.SesV2Client.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create()).build()) {
            assertThat(LambdaWiring.mailer(new Environment(Map.of("SENDER_ADDRESS", "a@example.com")), () -> ses))
                    .as("SES unless told otherwise").isInstanceOf(com.example.signin.lambdas.service.SesMailer.class);
        }
        assertThat(LambdaWiring.corsAllowedOrigin(new Environment(Map.of()))).isNull();
        assertThat(LambdaWiring.corsAllowedOrigin(new Environment(Map.of("CORS_ALLOWED_ORIGIN", "http://127.0.0.1:5173"))))
                .isEqualTo("http://127.0.0.1:5173");
    }
}
