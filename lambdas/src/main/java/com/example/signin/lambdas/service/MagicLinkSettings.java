package com.example.signin.lambdas.service;

import com.example.signin.lambdas.internal.Environment;
import com.example.signin.lambdas.internal.LambdaWiring;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.SaltedHash;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link MagicLinkService} needs to know about the deployment.
 *
 * @param userPoolId      the Cognito user pool accounts live in
 * @param hashSalt        per-deployment salt of the address keys and secret hashes (16+ characters)
 * @param linkExpiry      how long a link works (default 15 minutes)
 * @param requestCooldown how long after a request the same address must wait (default 60 s)
 * @param linkFormat      the app scheme and link base the links are built with
 * @param linkStyle       which link the email carries
 * @param signUpPolicy    whether unknown addresses get an account
 * @param responseFloor   every accepted request takes at least this long, so the time of the
 *                        answer does not tell whether an account exists (zero turns it off)
 */
public record MagicLinkSettings(
        String userPoolId,
        String hashSalt,
        Duration linkExpiry,
        Duration requestCooldown,
        MagicLinkFormat linkFormat,
        LinkStyle linkStyle,
        SignUpPolicy signUpPolicy,
        Duration responseFloor) {

    public static final Duration DEFAULT_LINK_EXPIRY = Duration.ofMinutes(15);
    public static final Duration DEFAULT_REQUEST_COOLDOWN = Duration.ofSeconds(60);
    public static final Duration DEFAULT_RESPONSE_FLOOR = Duration.ofMillis(1000);

    public MagicLinkSettings {
        Objects.requireNonNull(userPoolId, "userPoolId");
        new SaltedHash(hashSalt); // checks the length with a clear message
        if (linkExpiry.isNegative() || linkExpiry.isZero()) {
            throw new IllegalArgumentException("The link expiry must be positive");
        }
        if (requestCooldown.isNegative()) {
            throw new IllegalArgumentException("The request cooldown must not be negative");
        }
        Objects.requireNonNull(linkFormat, "linkFormat");
        Objects.requireNonNull(linkStyle, "linkStyle");
        Objects.requireNonNull(signUpPolicy, "signUpPolicy");
        if (linkStyle == LinkStyle.PAGE && linkFormat.linkBase() == null) {
            throw new IllegalArgumentException("The page link style needs a link base");
        }
        if (responseFloor.isNegative()) {
            throw new IllegalArgumentException("The response floor must not be negative");
        }
    }

    /** The address key and secret hash function of this deployment. */
    public SaltedHash hasher() {
        return new SaltedHash(hashSalt);
    }

    /**
     * Reads {@code USER_POOL_ID}, {@code EMAIL_HASH_SALT}, {@code LINK_EXPIRY_SECONDS},
     * {@code REQUEST_COOLDOWN_SECONDS}, {@code URL_SCHEME}, {@code LINK_BASE}, {@code LINK_STYLE},
     * {@code SIGN_UP_MODE}, {@code ALLOWED_EMAIL_DOMAINS} and {@code MIN_RESPONSE_MILLIS}.
     *
     * @throws com.example.signin.lambdas.internal.ConfigurationException naming the first bad variable
     */
    public static MagicLinkSettings fromEnvironment(Map<String, String> variables) {
        Environment env = new Environment(variables);
        String userPoolId = env.required("USER_POOL_ID", "the id of the Cognito user pool, like eu-west-1_AbCdEf123");
        String salt = hashSalt(env);
        int expiry = env.integer("LINK_EXPIRY_SECONDS", (int) DEFAULT_LINK_EXPIRY.toSeconds(), 60, 86_400, "seconds");
        int cooldown = env.integer("REQUEST_COOLDOWN_SECONDS", (int) DEFAULT_REQUEST_COOLDOWN.toSeconds(), 0, 3_600, "seconds");
        LinkStyle style = LinkStyle.fromSetting(env.choice("LINK_STYLE", "page", "page", "direct"));
        String scheme = env.required("URL_SCHEME", "the app's reverse-DNS URL scheme, like com.example.signin");
        String linkBase = style == LinkStyle.PAGE
                ? env.required("LINK_BASE", "the https URL the link page is served under, like https://signin.example.com (LINK_STYLE is page)")
                : env.optional("LINK_BASE").orElse(null);
        MagicLinkFormat format = env.parsed("URL_SCHEME and LINK_BASE", "a reverse-DNS scheme and an https URL",
                ignored -> new MagicLinkFormat(scheme, linkBase), scheme);
        int floor = env.integer("MIN_RESPONSE_MILLIS", (int) DEFAULT_RESPONSE_FLOOR.toMillis(), 0, 10_000, "milliseconds");
        return new MagicLinkSettings(userPoolId, salt, Duration.ofSeconds(expiry), Duration.ofSeconds(cooldown),
                format, style, LambdaWiring.signUpPolicy(env), Duration.ofMillis(floor));
    }

    /** Reads and checks {@code EMAIL_HASH_SALT}. */
    public static String hashSalt(Environment env) {
        String salt = env.required("EMAIL_HASH_SALT",
                "a random per-deployment value of at least " + SaltedHash.MIN_SALT_LENGTH + " characters");
        return env.parsed("EMAIL_HASH_SALT", "at least " + SaltedHash.MIN_SALT_LENGTH + " characters long",
                s -> {
                    new SaltedHash(s);
                    return s;
                }, salt);
    }
}
