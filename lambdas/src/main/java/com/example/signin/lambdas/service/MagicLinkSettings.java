package com.example.signin.lambdas.service;

import com.example.signin.lambdas.internal.Environment;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.Setting;
import com.example.signin.protocol.Settings;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link MagicLinkService} needs to know about the deployment. Names, defaults and ranges of
 * the settings are those of {@link Setting}; this record only holds the checked values.
 *
 * @param userPoolId             the Cognito user pool accounts live in
 * @param linkExpiry             how long a link works
 * @param requestCooldown        how long one device waits between two requests for an address
 * @param linksPerAddressPerHour the per-address budget of links an hour
 * @param pendingLinksPerAddress how many devices may hold a pending link for one address
 * @param maxFailedAttempts      refused answers after which a link is spent
 * @param linkFormat             the app scheme and link base the links are built with
 * @param linkStyle              which link the email carries
 * @param signUpPolicy           whether unknown addresses get an account
 */
public record MagicLinkSettings(
        String userPoolId,
        Duration linkExpiry,
        Duration requestCooldown,
        int linksPerAddressPerHour,
        int pendingLinksPerAddress,
        int maxFailedAttempts,
        MagicLinkFormat linkFormat,
        LinkStyle linkStyle,
        SignUpPolicy signUpPolicy) {

    public MagicLinkSettings {
        Objects.requireNonNull(userPoolId, "userPoolId");
        if (linkExpiry.isNegative() || linkExpiry.isZero()) {
            throw new IllegalArgumentException("The link expiry must be positive");
        }
        if (requestCooldown.isNegative()) {
            throw new IllegalArgumentException("The request cooldown must not be negative");
        }
        if (linksPerAddressPerHour < 1 || pendingLinksPerAddress < 1 || maxFailedAttempts < 1) {
            throw new IllegalArgumentException("The budget, the pending-link cap and the failure limit must be at least 1");
        }
        Objects.requireNonNull(linkFormat, "linkFormat");
        Objects.requireNonNull(linkStyle, "linkStyle");
        Objects.requireNonNull(signUpPolicy, "signUpPolicy");
        if (linkStyle == LinkStyle.PAGE && linkFormat.linkBase() == null) {
            throw new IllegalArgumentException("The page link style needs a link base");
        }
    }

    /** The defaults of {@link Setting} for everything but the pool and the link format. */
    public static MagicLinkSettings defaults(String userPoolId, MagicLinkFormat linkFormat) {
        Settings s = Settings.defaults();
        return new MagicLinkSettings(userPoolId, Duration.ofSeconds(s.integer(Setting.LINK_EXPIRY_SECONDS)),
                Duration.ofSeconds(s.integer(Setting.REQUEST_COOLDOWN_SECONDS)), s.integer(Setting.LINKS_PER_ADDRESS_PER_HOUR),
                s.integer(Setting.PENDING_LINKS_PER_ADDRESS), s.integer(Setting.MAX_FAILED_ATTEMPTS), linkFormat,
                linkFormat.linkBase() == null ? LinkStyle.DIRECT : LinkStyle.PAGE, SignUpPolicy.open());
    }

    /**
     * Reads {@code USER_POOL_ID} and the {@link Setting}s of scope FUNCTIONS from their
     * environment variables.
     *
     * @throws com.example.signin.lambdas.internal.ConfigurationException naming the first bad variable
     */
    public static MagicLinkSettings fromEnvironment(Map<String, String> variables) {
        return fromEnvironment(new Environment(variables));
    }

    /** As {@link #fromEnvironment(Map)}, from variables already read. */
    public static MagicLinkSettings fromEnvironment(Environment env) {
        Settings s = env.settings();
        String userPoolId = env.required("USER_POOL_ID", "the id of the Cognito user pool, like eu-west-1_AbCdEf123");
        LinkStyle style = LinkStyle.fromSetting(s.text(Setting.LINK_STYLE));
        String scheme = env.required(Setting.SCHEME.environmentName().orElseThrow(), Setting.SCHEME.allowed());
        String linkBase = style == LinkStyle.PAGE
                ? env.required("LINK_BASE", "the https URL the link page is served under, like https://signin.example.com (LINK_STYLE is page)")
                : s.find(Setting.LINK_BASE).filter(b -> !b.isEmpty()).orElse(null);
        MagicLinkFormat format = env.parsed("URL_SCHEME and LINK_BASE", "a reverse-DNS scheme and an https URL",
                ignored -> new MagicLinkFormat(scheme, linkBase), scheme);
        SignUpPolicy policy = new SignUpPolicy(SignUpPolicy.Mode.fromSetting(s.text(Setting.SIGN_UP_MODE)),
                s.list(Setting.ALLOWED_EMAIL_DOMAINS));
        return new MagicLinkSettings(userPoolId, Duration.ofSeconds(s.integer(Setting.LINK_EXPIRY_SECONDS)),
                Duration.ofSeconds(s.integer(Setting.REQUEST_COOLDOWN_SECONDS)), s.integer(Setting.LINKS_PER_ADDRESS_PER_HOUR),
                s.integer(Setting.PENDING_LINKS_PER_ADDRESS), s.integer(Setting.MAX_FAILED_ATTEMPTS), format, style, policy);
    }
}
