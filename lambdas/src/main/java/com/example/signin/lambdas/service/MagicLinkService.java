package com.example.signin.lambdas.service;

import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.InvalidEmailException;
import com.example.signin.protocol.SaltedHash;
import com.example.signin.protocol.Secrets;
import com.example.signin.protocol.SignInApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Handles a request for a sign-in link (DESIGN.md steps 2 to 5): validate, enforce the cooldown,
 * find or create the account, write the record, send the mail.
 *
 * <p>Every well-formed request for an address outside its cooldown writes a record, whether or
 * not a mail goes out: for an address that may not sign up (invite-only, or a domain not
 * allowed) the record holds the hash of a secret that is thrown away, so it can never be used,
 * yet the cooldown and the answer are exactly those of any other address. Timing is evened out by
 * a {@link ResponseFloor}. The verify side is {@link LinkVerifier}.
 */
public final class MagicLinkService {

    private static final Logger LOG = LoggerFactory.getLogger(MagicLinkService.class);
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}");

    private final MagicLinkSettings settings;
    private final SaltedHash hasher;
    private final LinkStore store;
    private final UserDirectory directory;
    private final Mailer mailer;
    private final MailComposer composer;
    private final Clock clock;
    private final SecureRandom random;
    private final ResponseFloor floor;

    public MagicLinkService(MagicLinkSettings settings, LinkStore store, UserDirectory directory, Mailer mailer,
                            Clock clock, SecureRandom random) {
        this(settings, store, directory, mailer, clock, random, ResponseFloor.of(settings.responseFloor()));
    }

    public MagicLinkService(MagicLinkSettings settings, LinkStore store, UserDirectory directory, Mailer mailer,
                            Clock clock, SecureRandom random, ResponseFloor floor) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hasher = settings.hasher();
        this.store = Objects.requireNonNull(store, "store");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.mailer = Objects.requireNonNull(mailer, "mailer");
        this.composer = new MailComposer();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.floor = Objects.requireNonNull(floor, "floor");
    }

    public MagicLinkSettings settings() {
        return settings;
    }

    /**
     * Never throws for bad input; SDK errors of the link store propagate (the API answers them
     * as a temporary failure).
     */
    public SignInResult request(SignInRequest request) {
        long started = floor.start();
        EmailAddress email;
        try {
            email = EmailAddress.parse(request.email());
        } catch (InvalidEmailException e) {
            return new SignInResult.Invalid(SignInApi.ERROR_INVALID_EMAIL, e.getMessage());
        }
        Optional<SignInResult> invalid = checkRest(request);
        if (invalid.isPresent()) {
            return invalid.get();
        }

        Instant now = clock.instant();
        String secret = Secrets.generate(random);
        String emailKey = hasher.of(email.value());
        String secretHash = hasher.of(secret);
        LinkRecord record = LinkRecord.issued(emailKey, secretHash, request.codeChallenge(),
                now.getEpochSecond(), now.plus(settings.linkExpiry()).getEpochSecond());
        Optional<Duration> wait = store.putUnlessCoolingDown(record, settings.requestCooldown(), now);
        if (wait.isPresent()) {
            LOG.info("Request within the cooldown for {}; retry after {} s", record, wait.get().toSeconds());
            return new SignInResult.TooManyRequests(wait.get(), false);
        }

        try {
            if (mayReceiveLink(email)) {
                mailer.send(composer.compose(email.value(), link(secret), settings.linkExpiry(), request.locale()));
                LOG.info("Sign-in link sent for {}", record);
            } else {
                LOG.info("Sign-up closed for this address; stored an unusable record and sent nothing: {}", record);
            }
        } catch (MailDeliveryException | UserDirectoryException e) {
            LOG.error("Could not send the sign-in link for {}; record removed so a retry works", record, e);
            store.deleteIfCurrent(emailKey, secretHash);
            return new SignInResult.MailUnavailable();
        }
        floor.waitOut(started);
        return new SignInResult.Accepted(settings.linkExpiry(), settings.requestCooldown());
    }

    private boolean mayReceiveLink(EmailAddress email) {
        if (directory.findByEmail(settings.userPoolId(), email).isPresent()) {
            return true;
        }
        if (!settings.signUpPolicy().allowsNewAccount(email)) {
            return false;
        }
        directory.createConfirmed(settings.userPoolId(), email);
        LOG.info("Account created for a new address at {}", email.domain());
        return true;
    }

    private String link(String secret) {
        return settings.linkStyle() == LinkStyle.PAGE
                ? settings.linkFormat().pageLink(secret)
                : settings.linkFormat().appLink(secret);
    }

    private static Optional<SignInResult> checkRest(SignInRequest request) {
        if (!CodeChallenge.isWellFormed(request.codeChallenge())) {
            return invalidRequest("codeChallenge must be the base64url SHA-256 of the code verifier ("
                    + Secrets.LENGTH + " characters). Update the app and try again.");
        }
        if (!CodeChallenge.METHOD_S256.equals(request.codeChallengeMethod())) {
            return invalidRequest("codeChallengeMethod must be S256. Update the app and try again.");
        }
        String locale = request.locale();
        if (locale != null && (locale.length() > 35 || !LANGUAGE_TAG.matcher(locale).matches())) {
            return invalidRequest("locale must be a language tag like en or de-CH.");
        }
        return Optional.empty();
    }

    private static Optional<SignInResult> invalidRequest(String message) {
        return Optional.of(new SignInResult.Invalid(SignInApi.ERROR_INVALID_REQUEST, message));
    }
}
