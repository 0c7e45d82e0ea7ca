package com.example.signin.lambdas.internal;

import com.example.signin.lambdas.service.LinkKeys;
import com.example.signin.lambdas.service.LinkStyle;
import com.example.signin.lambdas.service.MagicLinkSettings;
import com.example.signin.lambdas.service.LinkStore;
import com.example.signin.lambdas.service.LinkVerifier;
import com.example.signin.lambdas.service.MailSender;
import com.example.signin.lambdas.service.Mailer;
import com.example.signin.lambdas.service.SesMailer;
import com.example.signin.lambdas.service.SignUpPolicy;
import com.example.signin.lambdas.service.SmtpMailer;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.Setting;
import com.example.signin.protocol.Settings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** Turns environment variables (names as in docs/CONTRACTS.md) into services. */
public final class LambdaWiring {

    private LambdaWiring() {
    }

    /**
     * Reads {@code USER_POOL_ID} and the {@link Setting}s of scope FUNCTIONS from their
     * environment variables.
     *
     * @throws ConfigurationException naming the first bad variable
     */
    public static MagicLinkSettings settings(Map<String, String> variables) {
        return settings(new Environment(variables));
    }

    /** As {@link #settings(Map)}, from variables already read. */
    public static MagicLinkSettings settings(Environment env) {
        Settings s = env.settings();
        String userPoolId = env.required("USER_POOL_ID", "the id of the Cognito user pool, like eu-west-1_AbCdEf123");
        LinkStyle style = LinkStyle.fromSetting(s.text(Setting.LINK_STYLE));
        String scheme = env.required(Setting.SCHEME.environmentName().orElseThrow(), Setting.SCHEME.allowed());
        String linkBase = style == LinkStyle.PAGE
                ? env.required("LINK_BASE", "the https URL the link page is served under, like https://signin.example.com (LINK_STYLE is page)")
                : s.find(Setting.LINK_BASE).filter(b -> !b.isEmpty()).orElse(null);
        MagicLinkFormat format = env.parsed("URL_SCHEME and LINK_BASE", "a reverse-DNS scheme and an https URL",
                ignored -> new MagicLinkFormat(scheme, linkBase), scheme);
        return new MagicLinkSettings(userPoolId, Duration.ofSeconds(s.integer(Setting.LINK_EXPIRY_SECONDS)),
                Duration.ofSeconds(s.integer(Setting.REQUEST_COOLDOWN_SECONDS)), s.integer(Setting.LINKS_PER_ADDRESS_PER_HOUR),
                s.integer(Setting.PENDING_LINKS_PER_ADDRESS), s.integer(Setting.MAX_FAILED_ATTEMPTS), format, style,
                signUpPolicy(env));
    }

    public static String linkTable(Environment env) {
        return env.required("LINK_TABLE", "the name of the DynamoDB table of link records");
    }

    /** Reads {@code SIGN_UP_MODE} and {@code ALLOWED_EMAIL_DOMAINS}. */
    public static SignUpPolicy signUpPolicy(Environment env) {
        Settings s = env.settings();
        return new SignUpPolicy(SignUpPolicy.Mode.fromSetting(s.text(Setting.SIGN_UP_MODE)), s.list(Setting.ALLOWED_EMAIL_DOMAINS));
    }

    /** Reads {@code LINK_TABLE} and {@code MAX_FAILED_ATTEMPTS}. */
    public static LinkVerifier linkVerifier(Environment env, LinkKeys keys, DynamoDbClient dynamo, Clock clock) {
        int maxFailed = env.settings().integer(Setting.MAX_FAILED_ATTEMPTS);
        return new LinkVerifier(new LinkStore(dynamo, linkTable(env)), keys, maxFailed, clock);
    }

    /**
     * The table keys, from the deployment secret named by {@code DEPLOYMENT_SECRET_ARN}, read from
     * Secrets Manager once (at start, so before a SnapStart snapshot): the secret never sits in an
     * environment variable.
     */
    public static LinkKeys linkKeys(Environment env, Supplier<SecretsManagerClient> secretsManager) {
        String arn = env.required("DEPLOYMENT_SECRET_ARN", "the ARN of the deployment secret in Secrets Manager");
        String secret;
        try (SecretsManagerClient client = secretsManager.get()) {
            secret = client.getSecretValue(b -> b.secretId(arn)).secretString();
        }
        return env.parsed("DEPLOYMENT_SECRET_ARN", "a secret of at least " + LinkKeys.MIN_SECRET_LENGTH + " characters",
                LinkKeys::new, secret == null ? "" : secret);
    }

    /** Reads {@code LINK_QUEUE_URL}. */
    public static String linkQueueUrl(Environment env) {
        return env.required("LINK_QUEUE_URL", "the URL of the SQS queue of link requests");
    }

    /** Reads {@code SENDER_ADDRESS} and {@code SENDER_NAME}. */
    public static MailSender mailSender(Environment env) {
        String address = env.required("SENDER_ADDRESS", "the address sign-in emails come from, like no-reply@example.com");
        String name = env.settings().text(Setting.SENDER_NAME);
        return env.parsed("SENDER_ADDRESS and SENDER_NAME", "a valid address and a name of at most 64 characters on one line",
                ignored -> new MailSender(address, name), address);
    }

    /** Reads {@code MAIL_TRANSPORT}, and {@code SMTP_HOST} and {@code SMTP_PORT} for SMTP. */
    public static Mailer mailer(Environment env, Supplier<SesV2Client> ses) {
        MailSender sender = mailSender(env);
        if ("smtp".equals(env.choice("MAIL_TRANSPORT", "ses", "ses", "smtp"))) {
            String host = env.required("SMTP_HOST", "the SMTP server's host name when MAIL_TRANSPORT is smtp");
            int port = env.integer("SMTP_PORT", 25, 1, 65_535, "port");
            return new SmtpMailer(host, port, sender);
        }
        return new SesMailer(ses.get(), sender);
    }

    /** Reads {@code CORS_ALLOWED_ORIGIN}: null (empty) means no CORS headers. */
    public static String corsAllowedOrigin(Environment env) {
        String origin = env.settings().text(Setting.CORS_ALLOWED_ORIGIN);
        return origin.isEmpty() ? null : origin;
    }
}
