package com.example.signin.lambdas.service;

import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.InvalidEmailException;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who may get a new account: everyone ({@link Mode#OPEN}) or nobody ({@link Mode#INVITE_ONLY},
 * accounts come from an administrator), and in both cases only addresses of the allowed domains
 * when any are listed. Domains match exactly: {@code example.com} does not allow
 * {@code mail.example.com}.
 */
public final class SignUpPolicy {

    /** Whether unknown addresses get an account. */
    public enum Mode {
        OPEN("open"), INVITE_ONLY("invite-only");

        private final String setting;

        Mode(String setting) {
            this.setting = setting;
        }

        /** The mode named {@code setting} ({@code open} or {@code invite-only}). */
        public static Mode fromSetting(String setting) {
            for (Mode mode : values()) {
                if (mode.setting.equalsIgnoreCase(setting.strip())) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("expected open or invite-only, not: " + setting);
        }
    }

    private final Mode mode;
    private final Set<String> allowedDomains;

    public SignUpPolicy(Mode mode, Collection<String> allowedDomains) {
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        Set<String> domains = new LinkedHashSet<>();
        for (String domain : allowedDomains) {
            domains.add(normaliseDomain(domain));
        }
        this.allowedDomains = Set.copyOf(domains);
    }

    /** Anyone, any domain. */
    public static SignUpPolicy open() {
        return new SignUpPolicy(Mode.OPEN, Set.of());
    }

    public Mode mode() {
        return mode;
    }

    public Set<String> allowedDomains() {
        return allowedDomains;
    }

    /** Whether the address's domain is allowed (any domain when none are listed). */
    public boolean allowsDomainOf(EmailAddress address) {
        return allowedDomains.isEmpty() || allowedDomains.contains(address.domain());
    }

    /** Whether an unknown address may get an account created on its first request. */
    public boolean allowsNewAccount(EmailAddress address) {
        return mode == Mode.OPEN && allowsDomainOf(address);
    }

    private static String normaliseDomain(String domain) {
        String trimmed = domain.strip().toLowerCase(Locale.ROOT);
        if (trimmed.startsWith("@")) {
            trimmed = trimmed.substring(1);
        }
        try {
            return EmailAddress.parse("postmaster@" + trimmed).domain();
        } catch (InvalidEmailException e) {
            throw new IllegalArgumentException("\"" + domain.strip() + "\" is not a domain like example.com", e);
        }
    }
}
