package com.example.signin.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every deployment setting, once: its key (the CDK context key in {@code cdk.json}, the local
 * backend's settings-file key and {@code --option}), the environment variable the functions read
 * it from, its default, its allowed values and a sentence. The lambdas, the CDK app, the local
 * backend and the tests all read settings through {@link Settings}, so a rule changes here or
 * nowhere.
 */
public enum Setting {

    SENDER_ADDRESS("senderAddress", "SENDER_ADDRESS", Scope.FUNCTIONS, null, Kind.EMAIL,
            "The From address of the sign-in mail; SES sends it a verification link on deploy."),
    SENDER_NAME("senderName", "SENDER_NAME", Scope.FUNCTIONS, "Sign-in", Kind.DISPLAY_NAME,
            "The display name of the sender."),
    SCHEME("scheme", "URL_SCHEME", Scope.FUNCTIONS, "com.example.signin", Kind.SCHEME,
            "The app's reverse-DNS URL scheme the link page forwards to."),
    LINK_BASE("linkBase", "LINK_BASE", Scope.FUNCTIONS, "", Kind.LINK_BASE,
            "Where the link page lives ({linkBase}/open#secret); empty = the API's own /open."),
    LINK_STYLE("linkStyle", "LINK_STYLE", Scope.FUNCTIONS, "page", Kind.choice("page", "direct"),
            "Which link the mail carries: page ({linkBase}/open#secret) or direct ({scheme}://signin#secret)."),
    LINK_EXPIRY_SECONDS("linkExpirySeconds", "LINK_EXPIRY_SECONDS", Scope.FUNCTIONS, "900", Kind.whole(60, 86_400, "seconds"),
            "How long a link works."),
    REQUEST_COOLDOWN_SECONDS("requestCooldownSeconds", "REQUEST_COOLDOWN_SECONDS", Scope.FUNCTIONS, "60",
            Kind.whole(0, 3_600, "seconds"),
            "How long one device waits between two requests for the same address (requests without a deviceId share one)."),
    LINKS_PER_ADDRESS_PER_HOUR("linksPerAddressPerHour", "LINKS_PER_ADDRESS_PER_HOUR", Scope.FUNCTIONS, "10",
            Kind.whole(1, 1_000, "links"),
            "How many links an address can be sent in an hour, all devices together (in AWS: per source IP as well)."),
    PENDING_LINKS_PER_ADDRESS("pendingLinksPerAddress", "PENDING_LINKS_PER_ADDRESS", Scope.FUNCTIONS, "5",
            Kind.whole(1, 20, "links"),
            "How many devices can hold a pending link for one address at once; a newer request drops the oldest."),
    MAX_FAILED_ATTEMPTS("maxFailedAttempts", "MAX_FAILED_ATTEMPTS", Scope.FUNCTIONS, "5", Kind.whole(1, 10, "attempts"),
            "Refused answers with a matching secret (or wrong codes from the asking device) after which a link is spent."),
    SIGN_UP_MODE("signUpMode", "SIGN_UP_MODE", Scope.FUNCTIONS, "open", Kind.choice("open", "invite-only"),
            "Whether an unknown address gets an account (open) or only accounts an administrator made can sign in."),
    ALLOWED_EMAIL_DOMAINS("allowedEmailDomains", "ALLOWED_EMAIL_DOMAINS", Scope.FUNCTIONS, "", Kind.DOMAINS,
            "Comma list of the domains that may sign up, like example.com,example.org; empty = any."),
    CORS_ALLOWED_ORIGIN("corsAllowedOrigin", "CORS_ALLOWED_ORIGIN", Scope.FUNCTIONS, "", Kind.ORIGIN,
            "The one browser origin allowed to call the sign-in API, like https://app.example.com; empty = no CORS headers."),

    THROTTLE_RATE_LIMIT("throttleRateLimit", null, Scope.AWS, "10", Kind.decimal(0.001, 10_000, "requests per second"),
            "Steady requests per second the API stage accepts."),
    THROTTLE_BURST_LIMIT("throttleBurstLimit", null, Scope.AWS, "20", Kind.whole(1, 5_000, "requests"),
            "Burst the API stage accepts."),
    MEMORY_MB("memoryMb", null, Scope.AWS, "1024", Kind.whole(256, 10_240, "MB (Java needs at least 256 MB)"),
            "Memory of every function (CPU grows with it)."),
    LOG_RETENTION_DAYS("logRetentionDays", null, Scope.AWS, "30", Kind.oneOf(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365,
            400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653),
            "How long function and access logs are kept, in days (a period CloudWatch Logs accepts)."),
    WAF("waf", null, Scope.AWS, "true", Kind.BOOLEAN,
            "Whether WAF web ACLs with per-IP rate rules guard the API and the user pool."),
    WAF_REQUESTS_PER_5_MINUTES("wafRequestsPer5Minutes", null, Scope.AWS, "100", Kind.whole(10, 2_000_000_000, "requests"),
            "The per-IP limit of those rules (10 is the WAF minimum)."),
    ID_TOKEN_MINUTES("idTokenMinutes", null, Scope.AWS, "60", Kind.whole(5, 1_440, "minutes"), "ID token lifetime."),
    ACCESS_TOKEN_MINUTES("accessTokenMinutes", null, Scope.AWS, "60", Kind.whole(5, 1_440, "minutes"), "Access token lifetime."),
    REFRESH_TOKEN_DAYS("refreshTokenDays", null, Scope.AWS, "30", Kind.whole(1, 3_650, "days"),
            "Refresh token lifetime (how long the app stays signed in)."),
    LAMBDA_JAR("lambdaJar", null, Scope.AWS, "", Kind.TEXT,
            "The shaded jar of module lambdas; empty = found next to the CDK module."),
    SANDBOX_RECIPIENTS("sandboxRecipients", null, Scope.AWS, "", Kind.EMAILS,
            "While SES is in the sandbox: test addresses that become identities the sign-in function may send to.");

    /** Where a setting applies. */
    public enum Scope {
        /** Read by the functions: in AWS from their environment, locally from options or a settings file. */
        FUNCTIONS,
        /** Shapes the AWS resources only; the local backend accepts and ignores it, so a cdk.json works there. */
        AWS
    }

    private final String key;
    private final String environmentName;
    private final Scope scope;
    private final String defaultValue;
    private final Kind kind;
    private final String description;

    Setting(String key, String environmentName, Scope scope, String defaultValue, Kind kind, String description) {
        this.key = key;
        this.environmentName = environmentName;
        this.scope = scope;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.description = description;
    }

    /** The CDK context key, settings-file key and (as {@code --kebab-case}) local option. */
    public String key() {
        return key;
    }

    /** The environment variable the functions read; empty for AWS-only settings. */
    public Optional<String> environmentName() {
        return Optional.ofNullable(environmentName);
    }

    public Scope scope() {
        return scope;
    }

    /** The default in canonical text; empty when the setting must be given. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String description() {
        return description;
    }

    /** What values are allowed, in words ("a whole number of seconds from 60 to 86400"). */
    public String allowed() {
        return kind.allowed;
    }

    /** The allowed values of a setting that has a fixed list of them, in order; empty otherwise. */
    public List<String> choices() {
        return kind.choices;
    }

    /** The option of the local backend's command line, like {@code --link-expiry-seconds}. */
    public String option() {
        return "--" + key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The setting with this context key. */
    public static Optional<Setting> byKey(String key) {
        for (Setting s : values()) {
            if (s.key.equals(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Checks {@code raw} and returns its canonical text (trimmed, lists lower-cased and joined by
     * commas, numbers without a fraction).
     *
     * @throws IllegalArgumentException whose message completes "{name} ..." (e.g. "must be one of open, invite-only")
     */
    String canonical(String raw) {
        return kind.check.apply(raw.strip());
    }

    /** How a value is checked; each kind knows its sentence. */
    static final class Kind {
        private static final Pattern ORIGIN_PATTERN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

        static final Kind EMAIL = new Kind("an email address you can receive mail at", v -> {
            if (!EmailAddress.isValid(v)) {
                throw new IllegalArgumentException("must be an email address you can receive mail at, not: " + v);
            }
            return v;
        });
        static final Kind DISPLAY_NAME = new Kind("1 to 64 printable characters without quotes", v -> {
            if (v.isEmpty() || v.length() > 64 || v.chars().anyMatch(c -> c < 0x20 || c == '"' || c == 0x7f)) {
                throw new IllegalArgumentException("must be 1 to 64 printable characters without quotes");
            }
            return v;
        });
        static final Kind SCHEME = new Kind("a reverse-DNS URL scheme like com.example.signin", v -> {
            new MagicLinkFormat(v, null);
            return v;
        });
        static final Kind LINK_BASE = new Kind("an https URL (http only on loopback), or empty", v -> {
            if (!v.isEmpty()) {
                new MagicLinkFormat("com.example.signin", v);
            }
            return v;
        });
        static final Kind BOOLEAN = new Kind("true or false", v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> "true";
            case "false", "off", "no" -> "false";
            default -> throw new IllegalArgumentException("must be true or false, not: " + v);
        });
        static final Kind TEXT = new Kind("any text", v -> v);
        static final Kind ORIGIN = new Kind("one origin like https://app.example.com (no path), or empty", v -> {
            if (!v.isEmpty() && !ORIGIN_PATTERN.matcher(v).matches()) {
                throw new IllegalArgumentException("must be one origin like https://app.example.com"
                        + " (scheme, host, optional port; no path), or empty for no CORS headers, not: " + v);
            }
            return v;
        });
        static final Kind DOMAINS = new Kind("a comma list of domains like example.com,example.org (empty = any)",
                v -> list(v, item -> {
                    String domain = item.startsWith("@") ? item.substring(1) : item;
                    if (!EmailAddress.isValid("postmaster@" + domain)) {
                        throw new IllegalArgumentException("holds '" + item + "', which is not a domain like example.com");
                    }
                    return EmailAddress.parse("postmaster@" + domain).domain();
                }));
        static final Kind EMAILS = new Kind("a comma list of email addresses", v -> list(v, item -> {
            if (!EmailAddress.isValid(item)) {
                throw new IllegalArgumentException("holds '" + item + "', which is not an email address");
            }
            return item;
        }));

        final String allowed;
        final java.util.function.UnaryOperator<String> check;
        final List<String> choices;

        private Kind(String allowed, java.util.function.UnaryOperator<String> check) {
            this(allowed, check, List.of());
        }

        private Kind(String allowed, java.util.function.UnaryOperator<String> check, List<String> choices) {
            this.allowed = allowed;
            this.check = check;
            this.choices = List.copyOf(choices);
        }

        static Kind whole(long min, long max, String unit) {
            String allowed = "a whole number of " + unit + " from " + min + " to " + max;
            return new Kind(allowed, v -> {
                long value;
                try {
                    double d = Double.parseDouble(v);
                    if (d != Math.rint(d)) {
                        throw new NumberFormatException();
                    }
                    // Huge numbers and infinities saturate to Long.MIN/MAX_VALUE, which the range refuses.
                    value = (long) d;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be " + allowed + ", not: " + v);
                }
                if (value < min || value > max) {
                    throw new IllegalArgumentException("must be " + allowed + ", not: " + v);
                }
                return Long.toString(value);
            });
        }

        static Kind decimal(double min, double max, String unit) {
            String allowed = "a number of " + unit + " above 0 and at most " + (long) max;
            return new Kind(allowed, v -> {
                try {
                    double d = Double.parseDouble(v);
                    if (d >= min && d <= max) {
                        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new IllegalArgumentException("must be " + allowed + ", not: " + v);
            });
        }

        static Kind choice(String... choices) {
            String allowed = "one of " + String.join(", ", choices);
            return new Kind(allowed, v -> {
                for (String c : choices) {
                    if (c.equalsIgnoreCase(v)) {
                        return c;
                    }
                }
                throw new IllegalArgumentException("must be " + allowed + ", not: " + v);
            }, List.of(choices));
        }

        static Kind oneOf(int... values) {
            List<String> texts = new ArrayList<>();
            for (int v : values) {
                texts.add(Integer.toString(v));
            }
            String allowed = "one of " + String.join(", ", texts);
            return new Kind(allowed, v -> {
                if (!texts.contains(v)) {
                    throw new IllegalArgumentException("must be " + allowed + ", not: " + v);
                }
                return v;
            }, texts);
        }

        private static String list(String v, java.util.function.UnaryOperator<String> item) {
            List<String> items = new ArrayList<>();
            for (String entry : v.split(",")) {
                if (!entry.isBlank()) {
                    items.add(item.apply(entry.strip().toLowerCase(Locale.ROOT)));
                }
            }
            return String.join(",", items);
        }
    }
}
