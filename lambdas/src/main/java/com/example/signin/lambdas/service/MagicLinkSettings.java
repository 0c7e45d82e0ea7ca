package com.example.signin.lambdas.service;

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
}
