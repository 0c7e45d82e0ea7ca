package com.example.signin.lambdas.service;

import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.InvalidEmailException;
import com.example.signin.protocol.LinkRefusal;
import com.example.signin.protocol.SaltedHash;
import com.example.signin.protocol.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks an answer to the sign-in challenge (DESIGN.md step 7): the secret's hash in constant
 * time, then expiry, then the code verifier, then one conditional write that only one of any
 * number of concurrent answers can win. Every wrong or refused answer counts; at
 * {@code maxFailedAttempts} the record is deleted.
 */
public final class LinkVerifier {

    /** The default of {@code MAX_FAILED_ATTEMPTS}. */
    public static final int DEFAULT_MAX_FAILED_ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(LinkVerifier.class);

    private final LinkStore store;
    private final SaltedHash hasher;
    private final int maxFailedAttempts;
    private final Clock clock;

    public LinkVerifier(LinkStore store, SaltedHash hasher, int maxFailedAttempts, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        if (maxFailedAttempts < 1) {
            throw new IllegalArgumentException("maxFailedAttempts must be at least 1");
        }
        this.maxFailedAttempts = maxFailedAttempts;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param email    the account's email address as the user pool holds it
     * @param answer   the secret from the link
     * @param verifier the code verifier the app sent along (may be missing)
     * @return {@code true} when this answer signs in; {@code false} when the secret matches no
     *         record ({@link LinkRefusal#INVALID})
     * @throws LinkRefusalException when the secret matches but the link is expired, used or was
     *                              asked for on another device
     */
    public boolean verify(String email, String answer, String verifier) {
        String emailKey;
        try {
            emailKey = hasher.of(EmailAddress.parse(email).value());
        } catch (InvalidEmailException e) {
            LOG.warn("Verify called for an account without a usable email address");
            return false;
        }
        Optional<LinkRecord> found = store.find(emailKey);
        if (found.isEmpty()) {
            LOG.info("No link record for this address");
            return false;
        }
        LinkRecord record = found.get();
        // A malformed answer is hashed all the same, so its timing is that of any other wrong one.
        String answerHash = hasher.of(answer == null ? "" : answer);
        if (!SaltedHash.same(answerHash, record.secretHash()) || !Secrets.isWellFormed(answer)) {
            countFailure(record);
            LOG.info("Wrong answer for {}", record);
            return false;
        }
        Instant now = clock.instant();
        LinkRefusal refusal = null;
        if (record.usedAt().isPresent()) {
            refusal = LinkRefusal.USED;
        } else if (record.expiresAt() <= now.getEpochSecond()) {
            refusal = LinkRefusal.EXPIRED;
        } else if (!CodeChallenge.matches(verifier, record.challenge())) {
            refusal = LinkRefusal.FOREIGN_DEVICE;
        } else if (store.markUsed(emailKey, record.secretHash(), now)) {
            LOG.info("Link accepted for {}", record);
            return true;
        } else {
            // Lost the race to a concurrent answer, or the record changed since it was read.
            refusal = store.find(emailKey)
                    .filter(current -> current.secretHash().equals(record.secretHash()))
                    .map(current -> current.usedAt().isPresent() ? LinkRefusal.USED : LinkRefusal.EXPIRED)
                    .orElse(LinkRefusal.INVALID);
            if (refusal == LinkRefusal.INVALID) {
                LOG.info("Link record replaced or burnt while verifying: {}", record);
                return false;
            }
        }
        countFailure(record);
        LOG.info("Link refused ({}) for {}", refusal.code(), record);
        throw new LinkRefusalException(refusal);
    }

    private void countFailure(LinkRecord record) {
        OptionalLong failures = store.recordFailure(record.emailKey(), record.secretHash());
        if (failures.isPresent() && failures.getAsLong() >= maxFailedAttempts) {
            store.deleteIfCurrent(record.emailKey(), record.secretHash());
            LOG.info("Link burnt after {} failed attempts: {}", failures.getAsLong(), record);
        }
    }
}
