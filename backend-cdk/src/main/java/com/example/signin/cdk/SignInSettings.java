package com.example.signin.cdk;

import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.MagicLinkFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything a deployer may change, with the defaults of DESIGN.md. {@link #fromContext} reads
 * them from CDK context ({@code cdk.json} or {@code cdk deploy -c key=value}); every bad value
 * fails the synth with a sentence that names the context key.
 *
 * @param senderAddress          the From address of the sign-in mail; SES verifies it on deploy
 * @param senderName             the display name of the sender
 * @param scheme                 the app's URL scheme, reverse-DNS
 * @param linkBase               where the link page lives; empty = the API's own {@code /open}
 * @param linkStyle              {@code page} ({@code {linkBase}/open#secret}) or {@code direct}
 * @param linkExpirySeconds      how long a link works
 * @param requestCooldownSeconds how long an address waits between two requests
 * @param maxFailedAttempts      wrong answers after which a link is burnt
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
public record SignInSettings(
        String senderAddress,
        String senderName,
        String scheme,
        Optional<String> linkBase,
        String linkStyle,
        int linkExpirySeconds,
        int requestCooldownSeconds,
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

    /** Log retention periods CloudWatch Logs accepts. */
    static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
            1096, 1827, 2192, 2557, 2922, 3288, 3653);

    public SignInSettings {
        Objects.requireNonNull(senderAddress, "senderAddress");
        Objects.requireNonNull(senderName, "senderName");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(linkBase, "linkBase");
        Objects.requireNonNull(linkStyle, "linkStyle");
        Objects.requireNonNull(signUpMode, "signUpMode");
        allowedEmailDomains = List.copyOf(allowedEmailDomains);
        Objects.requireNonNull(lambdaJar, "lambdaJar");
        sandboxRecipients = List.copyOf(sandboxRecipients);
        for (String recipient : sandboxRecipients) {
            require(EmailAddress.isValid(recipient), "sandboxRecipients", "holds '" + recipient + "', which is not an email address");
        }
        require(EmailAddress.isValid(senderAddress), "senderAddress",
                "must be an email address you can receive mail at (SES sends it a verification link), not: " + senderAddress);
        require(!senderName.isBlank() && senderName.length() <= 64 && senderName.chars().noneMatch(c -> c < 0x20 || c == '"'),
                "senderName", "must be 1 to 64 printable characters without quotes");
        try {
            new MagicLinkFormat(scheme, linkBase.orElse(null));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Context 'scheme' or 'linkBase' is wrong: " + e.getMessage(), e);
        }
        require(linkStyle.equals("page") || linkStyle.equals("direct"), "linkStyle", "must be 'page' or 'direct', not: " + linkStyle);
        require(linkExpirySeconds >= 60 && linkExpirySeconds <= 86_400, "linkExpirySeconds", "must be between 60 and 86400");
        require(requestCooldownSeconds >= 0 && requestCooldownSeconds <= 3_600, "requestCooldownSeconds", "must be between 0 and 3600");
        require(maxFailedAttempts >= 1 && maxFailedAttempts <= 10, "maxFailedAttempts", "must be between 1 and 10");
        require(signUpMode.equals("open") || signUpMode.equals("invite-only"), "signUpMode",
                "must be 'open' or 'invite-only', not: " + signUpMode);
        for (String domain : allowedEmailDomains) {
            require(EmailAddress.isValid("x@" + domain), "allowedEmailDomains", "holds '" + domain + "', which is not a domain");
        }
        require(throttleRateLimit > 0 && throttleRateLimit <= 10_000, "throttleRateLimit", "must be between 0 and 10000 requests per second");
        require(throttleBurstLimit >= 1 && throttleBurstLimit <= 5_000, "throttleBurstLimit", "must be between 1 and 5000");
        require(memoryMb >= 256 && memoryMb <= 10_240, "memoryMb", "must be between 256 and 10240 (Java needs at least 256 MB)");
        require(RETENTION_DAYS.contains(logRetentionDays), "logRetentionDays", "must be one of " + RETENTION_DAYS);
        require(wafRequestsPer5Minutes >= 10 && wafRequestsPer5Minutes <= 2_000_000_000, "wafRequestsPer5Minutes",
                "must be at least 10 (the WAF minimum)");
        require(idTokenMinutes >= 5 && idTokenMinutes <= 1_440, "idTokenMinutes", "must be between 5 and 1440 (Cognito's limits)");
        require(accessTokenMinutes >= 5 && accessTokenMinutes <= 1_440, "accessTokenMinutes", "must be between 5 and 1440 (Cognito's limits)");
        require(refreshTokenDays >= 1 && refreshTokenDays <= 3_650, "refreshTokenDays", "must be between 1 and 3650 (Cognito's limits)");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings as CDK context gives them; {@code context} returns null for an absent key. */
    public static SignInSettings fromContext(Function<String, Object> context) {
        Builder b = builder();
        String sender = text(context, "senderAddress");
        if (sender == null) {
            throw new IllegalArgumentException("Context 'senderAddress' is missing: the sign-in mail needs a From address. "
                    + "Pass it as 'cdk deploy -c senderAddress=signin@example.com' (an address you can receive mail at; "
                    + "SES sends it a verification link) or put it into cdk.json.");
        }
        b.senderAddress(sender);
        ifPresent(context, "senderName", b::senderName);
        ifPresent(context, "scheme", b::scheme);
        ifPresent(context, "linkBase", v -> b.linkBase(v.isBlank() ? null : v));
        ifPresent(context, "linkStyle", b::linkStyle);
        ifPresent(context, "linkExpirySeconds", v -> b.linkExpirySeconds(integer("linkExpirySeconds", v)));
        ifPresent(context, "requestCooldownSeconds", v -> b.requestCooldownSeconds(integer("requestCooldownSeconds", v)));
        ifPresent(context, "maxFailedAttempts", v -> b.maxFailedAttempts(integer("maxFailedAttempts", v)));
        ifPresent(context, "signUpMode", b::signUpMode);
        ifPresent(context, "allowedEmailDomains", v -> b.allowedEmailDomains(commaList(v)));
        ifPresent(context, "throttleRateLimit", v -> b.throttleRateLimit(decimal("throttleRateLimit", v)));
        ifPresent(context, "throttleBurstLimit", v -> b.throttleBurstLimit(integer("throttleBurstLimit", v)));
        ifPresent(context, "memoryMb", v -> b.memoryMb(integer("memoryMb", v)));
        ifPresent(context, "logRetentionDays", v -> b.logRetentionDays(integer("logRetentionDays", v)));
        ifPresent(context, "waf", v -> b.wafEnabled(bool("waf", v)));
        ifPresent(context, "wafRequestsPer5Minutes", v -> b.wafRequestsPer5Minutes(integer("wafRequestsPer5Minutes", v)));
        ifPresent(context, "idTokenMinutes", v -> b.idTokenMinutes(integer("idTokenMinutes", v)));
        ifPresent(context, "accessTokenMinutes", v -> b.accessTokenMinutes(integer("accessTokenMinutes", v)));
        ifPresent(context, "refreshTokenDays", v -> b.refreshTokenDays(integer("refreshTokenDays", v)));
        ifPresent(context, "lambdaJar", v -> b.lambdaJar(Path.of(v)));
        ifPresent(context, "sandboxRecipients", v -> b.sandboxRecipients(commaList(v)));
        return b.build();
    }

    private static String text(Function<String, Object> context, String key) {
        Object value = context.apply(key);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value).strip();
    }

    private static void ifPresent(Function<String, Object> context, String key, java.util.function.Consumer<String> setter) {
        String value = text(context, key);
        if (value != null) {
            setter.accept(value);
        }
    }

    private static int integer(String key, String value) {
        try {
            double d = Double.parseDouble(value);
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return (int) d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Context '" + key + "' must be a whole number, not: " + value, e);
        }
    }

    private static double decimal(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Context '" + key + "' must be a number, not: " + value, e);
        }
    }

    private static boolean bool(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new IllegalArgumentException("Context '" + key + "' must be true or false, not: " + value);
        };
    }

    private static List<String> commaList(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip().toLowerCase(Locale.ROOT));
            }
        }
        return items;
    }

    private static void require(boolean ok, String key, String what) {
        if (!ok) {
            throw new IllegalArgumentException("Context '" + key + "' " + what + ".");
        }
    }

    /** Defaults as in DESIGN.md; only {@link #senderAddress} has none. */
    public static final class Builder {
        private String senderAddress;
        private String senderName = "Sign-in";
        private String scheme = "com.example.signin";
        private String linkBase;
        private String linkStyle = "page";
        private int linkExpirySeconds = 900;
        private int requestCooldownSeconds = 60;
        private int maxFailedAttempts = 3;
        private String signUpMode = "open";
        private List<String> allowedEmailDomains = List.of();
        private double throttleRateLimit = 10;
        private int throttleBurstLimit = 20;
        private int memoryMb = 1024;
        private int logRetentionDays = 30;
        private boolean wafEnabled = true;
        private int wafRequestsPer5Minutes = 100;
        private int idTokenMinutes = 60;
        private int accessTokenMinutes = 60;
        private int refreshTokenDays = 30;
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

        public SignInSettings build() {
            return new SignInSettings(senderAddress, senderName, scheme, Optional.ofNullable(linkBase), linkStyle,
                    linkExpirySeconds, requestCooldownSeconds, maxFailedAttempts, signUpMode, allowedEmailDomains,
                    throttleRateLimit, throttleBurstLimit, memoryMb, logRetentionDays, wafEnabled, wafRequestsPer5Minutes,
                    idTokenMinutes, accessTokenMinutes, refreshTokenDays, Optional.ofNullable(lambdaJar), sandboxRecipients);
        }
    }
}
