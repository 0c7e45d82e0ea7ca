package com.example.signin.lambdas.service;

import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.InvalidEmailException;
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
 * The request path of a link request (DESIGN.md step 2): validate, start the device's cooldown,
 * spend one link of the address's hourly budget, queue the rest for {@link LinkDelivery}. It does
 * the same work for every address (no account lookup, no mail), so neither the answer nor its time
 * tells whether an account exists; no sleep is needed.
 */
public final class MagicLinkService {

    private static final Logger LOG = LoggerFactory.getLogger(MagicLinkService.class);
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}");

    private final MagicLinkSettings settings;
    private final LinkKeys keys;
    private final LinkStore store;
    private final LinkQueue queue;
    private final Clock clock;
    private final SecureRandom random;

    public MagicLinkService(MagicLinkSettings settings, LinkKeys keys, LinkStore store, LinkQueue queue, Clock clock,
                            SecureRandom random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.store = Objects.requireNonNull(store, "store");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Never throws for bad input; SDK errors of the link store and {@link LinkQueueFullException}
     * propagate (the API answers them as a temporary failure).
     */
    public SignInResult request(SignInRequest request) {
        EmailAddress email;
        try {
            email = EmailAddress.parse(request.email());
        } catch (InvalidEmailException e) {
            return new SignInResult.Invalid(SignInApi.ERROR_INVALID_EMAIL, e.getMessage());
        }
        Optional<SignInResult> invalid = invalidField(request);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        Instant now = clock.instant();
        String emailKey = keys.address(email);
        String deviceKey = keys.device(request.deviceId());
        Optional<Duration> cooling = store.startCooldown(emailKey, deviceKey, settings.requestCooldown(), now);
        if (cooling.isPresent()) {
            LOG.info("Request within this device's cooldown; retry after {} s", cooling.get().toSeconds());
            return new SignInResult.TooManyRequests(cooling.get(), false);
        }
        Optional<Duration> spent = store.spendBudget(emailKey, keys.source(request.sourceIp()), settings.linksPerAddressPerHour(), now);
        if (spent.isPresent()) {
            LOG.warn("Hourly link budget of an address spent; retry after {} s", spent.get().toSeconds());
            return new SignInResult.TooManyRequests(spent.get(), true);
        }
        LinkRequest queued = new LinkRequest(Secrets.generate(random), email.value(), request.codeChallenge(), request.locale(),
                deviceKey, now.getEpochSecond());
        queue.enqueue(queued);
        LOG.info("Queued {}", queued);
        return new SignInResult.Accepted(settings.linkExpiry(), settings.requestCooldown());
    }

    private static Optional<SignInResult> invalidField(SignInRequest request) {
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
        if (request.deviceId() != null && !SignInApi.isWellFormedDeviceId(request.deviceId())) {
            return invalidRequest("deviceId must be " + SignInApi.DEVICE_ID_LENGTH
                    + " base64url characters (16 random bytes). Update the app and try again.");
        }
        return Optional.empty();
    }

    private static Optional<SignInResult> invalidRequest(String message) {
        return Optional.of(new SignInResult.Invalid(SignInApi.ERROR_INVALID_REQUEST, message));
    }
}
