package com.example.signin.cdk;

import com.example.signin.protocol.Setting;
import com.example.signin.protocol.Settings;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The props of {@link MagicLinkBackend}: everything a deployer may change. Names, defaults, ranges
 * and sentences are those of the one catalog {@link Setting} (shared with the lambdas and the local
 * backend): {@link #builder()} starts from the catalog's defaults and {@link Builder#build()}
 * checks every value against it ({@link IllegalArgumentException} naming the property, like
 * {@code linkExpirySeconds must be a whole number of seconds from 60 to 86400, not: 5}).
 * {@link #fromContext} reads the same names from CDK context ({@code cdk.json} or
 * {@code cdk deploy -c key=value}) and names a bad value by its context key.
 *
 * @param senderAddress          the From address of the sign-in mail; SES verifies it on deploy
 * @param senderName             the display name of the sender
 * @param scheme                 the app's URL scheme, reverse-DNS
 * @param linkBase               where the link page lives; empty = the API's own {@code /open}
 * @param linkStyle              {@code page} ({@code {linkBase}/open#secret}) or {@code direct}
 * @param linkExpirySeconds      how long a link works
 * @param requestCooldownSeconds how long one device waits between two requests for an address
 * @param linksPerAddressPerHour the per-address (and, in AWS, per source IP) budget of links an hour
 * @param pendingLinksPerAddress how many devices may hold a pending link for one address
 * @param maxFailedAttempts      refused answers with a matching secret after which a link is spent
 * @param signUpMode             {@code open} or {@code invite-only}
 * @param allowedEmailDomains    domains that may sign up; empty = any
 * @param throttleRateLimit      steady requests per second the API stage accepts
 * @param throttleBurstLimit     burst the API stage accepts
 * @param memoryMb               memory of every function (CPU grows with it)
 * @param logRetentionDays       how long function and access logs are kept
 * @param wafEnabled             whether a WAF web ACL with a per-IP rate rule guards the API
 * @param wafRequestsPer5Minutes the per-IP limit of that rule
 * @param idTokenMinutes         ID token lifetime
 * @param accessTokenMinutes     access token lifetime
 * @param refreshTokenDays       refresh token lifetime (how long the app stays signed in)
 * @param lambdaJar              the shaded jar of module {@code lambdas}; empty = found next to this module
 * @param sandboxRecipients      while the SES account is in the sandbox, SES also authorises each recipient identity:
 *                               these test addresses become identities (SES mails each a verification link) the
 *                               sign-in function may send to; empty once the account has production access
 */
public record MagicLinkBackendProps(
        String senderAddress,
        String senderName,
        String scheme,
        Optional<String> linkBase,
        String linkStyle,
        int linkExpirySeconds,
        int requestCooldownSeconds,
        int linksPerAddressPerHour,
        int pendingLinksPerAddress,
        int maxFailedAttempts,
        String signUpMode,
        List<String> allowedEmailDomains,
        double throttleRateLimit,
        int throttleBurstLimit,
        int memoryMb,
        int logRetentionDays,
        boolean wafEnabled,
        int wafRequestsPer5Minutes,
        int idTokenMinutes,
        int accessTokenMinutes,
        int refreshTokenDays,
        Optional<Path> lambdaJar,
        List<String> sandboxRecipients) {

    public MagicLinkBackendProps {
        Objects.requireNonNull(linkBase, "linkBase");
        Objects.requireNonNull(lambdaJar, "lambdaJar");
        allowedEmailDomains = List.copyOf(allowedEmailDomains);
        sandboxRecipients = List.copyOf(sandboxRecipients);
        if (senderAddress == null) {
            throw new IllegalArgumentException("senderAddress is missing: the sign-in mail needs a From address. Set it with "
                    + "MagicLinkBackendProps.builder().senderAddress(\"signin@example.com\") (an address you can receive mail at; "
                    + "SES sends it a verification link).");
        }
        // Every value is checked by the one catalog of settings, with the sentence it has everywhere.
        Map<Setting, String> given = new EnumMap<>(Setting.class);
        given.put(Setting.SENDER_ADDRESS, senderAddress);
        given.put(Setting.SENDER_NAME, senderName);
        given.put(Setting.SCHEME, scheme);
        given.put(Setting.LINK_BASE, linkBase.orElse(""));
        given.put(Setting.LINK_STYLE, linkStyle);
        given.put(Setting.LINK_EXPIRY_SECONDS, Integer.toString(linkExpirySeconds));
        given.put(Setting.REQUEST_COOLDOWN_SECONDS, Integer.toString(requestCooldownSeconds));
        given.put(Setting.LINKS_PER_ADDRESS_PER_HOUR, Integer.toString(linksPerAddressPerHour));
        given.put(Setting.PENDING_LINKS_PER_ADDRESS, Integer.toString(pendingLinksPerAddress));
        given.put(Setting.MAX_FAILED_ATTEMPTS, Integer.toString(maxFailedAttempts));
        given.put(Setting.SIGN_UP_MODE, signUpMode);
        given.put(Setting.ALLOWED_EMAIL_DOMAINS, String.join(",", allowedEmailDomains));
        given.put(Setting.THROTTLE_RATE_LIMIT, Double.toString(throttleRateLimit));
        given.put(Setting.THROTTLE_BURST_LIMIT, Integer.toString(throttleBurstLimit));
        given.put(Setting.MEMORY_MB, Integer.toString(memoryMb));
        given.put(Setting.LOG_RETENTION_DAYS, Integer.toString(logRetentionDays));
        given.put(Setting.WAF, Boolean.toString(wafEnabled));
        given.put(Setting.WAF_REQUESTS_PER_5_MINUTES, Integer.toString(wafRequestsPer5Minutes));
        given.put(Setting.ID_TOKEN_MINUTES, Integer.toString(idTokenMinutes));
        given.put(Setting.ACCESS_TOKEN_MINUTES, Integer.toString(accessTokenMinutes));
        given.put(Setting.REFRESH_TOKEN_DAYS, Integer.toString(refreshTokenDays));
        given.put(Setting.SANDBOX_RECIPIENTS, String.join(",", sandboxRecipients));
        Settings checked = Settings.defaults();
        for (Map.Entry<Setting, String> e : given.entrySet()) {
            Objects.requireNonNull(e.getValue(), e.getKey().key());
            checked = checked.with(e.getKey(), e.getValue(), e.getKey().key());
        }
        allowedEmailDomains = checked.list(Setting.ALLOWED_EMAIL_DOMAINS);
        sandboxRecipients = checked.list(Setting.SANDBOX_RECIPIENTS);
        signUpMode = checked.text(Setting.SIGN_UP_MODE);
        linkStyle = checked.text(Setting.LINK_STYLE);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The settings as CDK context gives them; {@code context} returns null for an absent key.
     *
     * @throws IllegalArgumentException naming the context key of a missing or bad value
     */
    public static MagicLinkBackendProps fromContext(Function<String, Object> context) {
        Settings s = Settings.fromContext(context);
        if (s.find(Setting.SENDER_ADDRESS).isEmpty()) {
            throw new IllegalArgumentException("Context 'senderAddress' is missing: the sign-in mail needs a From address. "
                    + "Pass it as 'cdk deploy -c senderAddress=signin@example.com' (an address you can receive mail at; "
                    + "SES sends it a verification link) or put it into cdk.json.");
        }
        return builder()
                .senderAddress(s.text(Setting.SENDER_ADDRESS))
                .senderName(s.text(Setting.SENDER_NAME))
                .scheme(s.text(Setting.SCHEME))
                .linkBase(s.text(Setting.LINK_BASE).isEmpty() ? null : s.text(Setting.LINK_BASE))
                .linkStyle(s.text(Setting.LINK_STYLE))
                .linkExpirySeconds(s.integer(Setting.LINK_EXPIRY_SECONDS))
                .requestCooldownSeconds(s.integer(Setting.REQUEST_COOLDOWN_SECONDS))
                .linksPerAddressPerHour(s.integer(Setting.LINKS_PER_ADDRESS_PER_HOUR))
                .pendingLinksPerAddress(s.integer(Setting.PENDING_LINKS_PER_ADDRESS))
                .maxFailedAttempts(s.integer(Setting.MAX_FAILED_ATTEMPTS))
                .signUpMode(s.text(Setting.SIGN_UP_MODE))
                .allowedEmailDomains(s.list(Setting.ALLOWED_EMAIL_DOMAINS))
                .throttleRateLimit(s.decimal(Setting.THROTTLE_RATE_LIMIT))
                .throttleBurstLimit(s.integer(Setting.THROTTLE_BURST_LIMIT))
                .memoryMb(s.integer(Setting.MEMORY_MB))
                .logRetentionDays(s.integer(Setting.LOG_RETENTION_DAYS))
                .wafEnabled(s.bool(Setting.WAF))
                .wafRequestsPer5Minutes(s.integer(Setting.WAF_REQUESTS_PER_5_MINUTES))
                .idTokenMinutes(s.integer(Setting.ID_TOKEN_MINUTES))
                .accessTokenMinutes(s.integer(Setting.ACCESS_TOKEN_MINUTES))
                .refreshTokenDays(s.integer(Setting.REFRESH_TOKEN_DAYS))
                .lambdaJar(s.text(Setting.LAMBDA_JAR).isEmpty() ? null : Path.of(s.text(Setting.LAMBDA_JAR)))
                .sandboxRecipients(s.list(Setting.SANDBOX_RECIPIENTS))
                .build();
    }

    /**
     * The functions' environment variables of these settings (docs/CONTRACTS.md), for the
     * settings the functions read.
     */
    public Map<String, String> functionEnvironment(Setting... settings) {
        Settings s = Settings.defaults();
        for (Setting setting : settings) {
            s = s.with(setting, value(setting), setting.key());
        }
        return s.environment(List.of(settings));
    }

    private String value(Setting setting) {
        return switch (setting) {
            case SENDER_ADDRESS -> senderAddress;
            case SENDER_NAME -> senderName;
            case SCHEME -> scheme;
            case LINK_STYLE -> linkStyle;
            case LINK_EXPIRY_SECONDS -> Integer.toString(linkExpirySeconds);
            case REQUEST_COOLDOWN_SECONDS -> Integer.toString(requestCooldownSeconds);
            case LINKS_PER_ADDRESS_PER_HOUR -> Integer.toString(linksPerAddressPerHour);
            case PENDING_LINKS_PER_ADDRESS -> Integer.toString(pendingLinksPerAddress);
            case MAX_FAILED_ATTEMPTS -> Integer.toString(maxFailedAttempts);
            case SIGN_UP_MODE -> signUpMode;
            case ALLOWED_EMAIL_DOMAINS -> String.join(",", allowedEmailDomains);
            default -> throw new IllegalArgumentException(setting.key() + " is not passed to the functions by the stack");
        };
    }

    /** Starts at the catalog's defaults; only {@link #senderAddress} has none. */
    public static final class Builder {
        private String senderAddress;
        private static final Settings DEFAULTS = Settings.defaults();
        private String senderName = DEFAULTS.text(Setting.SENDER_NAME);
        private String scheme = DEFAULTS.text(Setting.SCHEME);
        private String linkBase;
        private String linkStyle = DEFAULTS.text(Setting.LINK_STYLE);
        private int linkExpirySeconds = DEFAULTS.integer(Setting.LINK_EXPIRY_SECONDS);
        private int requestCooldownSeconds = DEFAULTS.integer(Setting.REQUEST_COOLDOWN_SECONDS);
        private int linksPerAddressPerHour = DEFAULTS.integer(Setting.LINKS_PER_ADDRESS_PER_HOUR);
        private int pendingLinksPerAddress = DEFAULTS.integer(Setting.PENDING_LINKS_PER_ADDRESS);
        private int maxFailedAttempts = DEFAULTS.integer(Setting.MAX_FAILED_ATTEMPTS);
        private String signUpMode = DEFAULTS.text(Setting.SIGN_UP_MODE);
        private List<String> allowedEmailDomains = List.of();
        private double throttleRateLimit = DEFAULTS.decimal(Setting.THROTTLE_RATE_LIMIT);
        private int throttleBurstLimit = DEFAULTS.integer(Setting.THROTTLE_BURST_LIMIT);
        private int memoryMb = DEFAULTS.integer(Setting.MEMORY_MB);
        private int logRetentionDays = DEFAULTS.integer(Setting.LOG_RETENTION_DAYS);
        private boolean wafEnabled = DEFAULTS.bool(Setting.WAF);
        private int wafRequestsPer5Minutes = DEFAULTS.integer(Setting.WAF_REQUESTS_PER_5_MINUTES);
        private int idTokenMinutes = DEFAULTS.integer(Setting.ID_TOKEN_MINUTES);
        private int accessTokenMinutes = DEFAULTS.integer(Setting.ACCESS_TOKEN_MINUTES);
        private int refreshTokenDays = DEFAULTS.integer(Setting.REFRESH_TOKEN_DAYS);
        private Path lambdaJar;
        private List<String> sandboxRecipients = List.of();

        private Builder() {
        }

        public Builder senderAddress(String v) { senderAddress = v; return this; }
        public Builder senderName(String v) { senderName = v; return this; }
        public Builder scheme(String v) { scheme = v; return this; }
        public Builder linkBase(String v) { linkBase = v; return this; }
        public Builder linkStyle(String v) { linkStyle = v; return this; }
        public Builder linkExpirySeconds(int v) { linkExpirySeconds = v; return this; }
        public Builder requestCooldownSeconds(int v) { requestCooldownSeconds = v; return this; }
        public Builder maxFailedAttempts(int v) { maxFailedAttempts = v; return this; }
        public Builder linksPerAddressPerHour(int v) { linksPerAddressPerHour = v; return this; }
        public Builder pendingLinksPerAddress(int v) { pendingLinksPerAddress = v; return this; }
        public Builder signUpMode(String v) { signUpMode = v; return this; }
        public Builder allowedEmailDomains(List<String> v) { allowedEmailDomains = v; return this; }
        public Builder throttleRateLimit(double v) { throttleRateLimit = v; return this; }
        public Builder throttleBurstLimit(int v) { throttleBurstLimit = v; return this; }
        public Builder memoryMb(int v) { memoryMb = v; return this; }
        public Builder logRetentionDays(int v) { logRetentionDays = v; return this; }
        public Builder wafEnabled(boolean v) { wafEnabled = v; return this; }
        public Builder wafRequestsPer5Minutes(int v) { wafRequestsPer5Minutes = v; return this; }
        public Builder idTokenMinutes(int v) { idTokenMinutes = v; return this; }
        public Builder accessTokenMinutes(int v) { accessTokenMinutes = v; return this; }
        public Builder refreshTokenDays(int v) { refreshTokenDays = v; return this; }
        public Builder lambdaJar(Path v) { lambdaJar = v; return this; }
        public Builder sandboxRecipients(List<String> v) { sandboxRecipients = v; return this; }

        public MagicLinkBackendProps build() {
            return new MagicLinkBackendProps(senderAddress, senderName, scheme, Optional.ofNullable(linkBase), linkStyle,
                    linkExpirySeconds, requestCooldownSeconds, linksPerAddressPerHour, pendingLinksPerAddress,
                    maxFailedAttempts, signUpMode, allowedEmailDomains,
                    throttleRateLimit, throttleBurstLimit, memoryMb, logRetentionDays, wafEnabled, wafRequestsPer5Minutes,
                    idTokenMinutes, accessTokenMinutes, refreshTokenDays, Optional.ofNullable(lambdaJar), sandboxRecipients);
        }
    }
}
