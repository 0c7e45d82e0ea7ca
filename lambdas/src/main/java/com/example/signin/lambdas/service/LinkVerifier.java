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
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks an answer to the sign-in challenge (DESIGN.md step 7) against the pending links of the
 * address (one per device): the secret's keyed hash in constant time against each, then used,
 * expiry and the code verifier, then one conditional write that only one of any number of
 * concurrent answers can win.
 *
 * <p>A secret that matches no record changes nothing: with 256-bit secrets guessing is hopeless,
 * and counting made-up answers would let anyone who knows an address burn its owner's link. Only
 * refusals where the secret matched (another device, used, expired) count; at
 * {@code maxFailedAttempts} the record is spent ({@link LinkStore#markUsed} refuses it).
 */
public final class LinkVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(LinkVerifier.class);

    private final LinkStore store;
    private final LinkKeys keys;
    private final int maxFailedAttempts;
    private final Clock clock;

    public LinkVerifier(LinkStore store, LinkKeys keys, int maxFailedAttempts, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
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
     *         record ({@link LinkRefusal#INVALID}), which changes nothing
     * @throws LinkRefusalException when the secret matches but the link is expired, used, spent or
     *                              was asked for on another device
     */
    public boolean verify(String email, String answer, String verifier) {
        String emailKey;
        try {
            emailKey = keys.address(EmailAddress.parse(email));
        } catch (InvalidEmailException e) {
            LOG.warn("Verify called for an account without a usable email address");
            return false;
        }
        // A malformed answer is hashed all the same, so its timing is that of any other wrong one.
        String answerHash = keys.secretHash(answer == null ? "" : answer);
        Optional<LinkRecord> matching = matching(store.pending(emailKey), answerHash);
        if (matching.isEmpty() || !Secrets.isWellFormed(answer)) {
            LOG.info("Answer matches no pending link of this address; nothing changed");
            return false;
        }
        LinkRecord record = matching.get();
        Instant now = clock.instant();
        LinkRefusal refusal;
        if (record.usedAt().isPresent() || record.failedAttempts() >= maxFailedAttempts) {
            refusal = LinkRefusal.USED;
        } else if (record.expiresAt() <= now.getEpochSecond()) {
            refusal = LinkRefusal.EXPIRED;
        } else if (!CodeChallenge.matches(verifier, record.challenge())) {
            refusal = LinkRefusal.FOREIGN_DEVICE;
        } else if (store.markUsed(record, now, maxFailedAttempts)) {
            LOG.info("Link accepted for {}", record);
            return true;
        } else {
            // Lost the race to a concurrent answer (used) or to refused ones (spent), or the device
            // asked again meanwhile (replaced). Expiry cannot be the reason: it was checked at this same now.
            if (matching(store.pending(emailKey), answerHash).isEmpty()) {
                LOG.info("Link record replaced while verifying: {}", record);
                return false;
            }
            refusal = LinkRefusal.USED;
        }
        store.recordFailure(record);
        LOG.info("Link refused ({}) for {}", refusal.code(), record);
        throw new LinkRefusalException(refusal);
    }

    /** The record whose secret hash equals {@code answerHash}; every record is compared, in constant time each. */
    private static Optional<LinkRecord> matching(List<LinkRecord> records, String answerHash) {
        LinkRecord found = null;
        for (LinkRecord record : records) {
            if (SaltedHash.same(answerHash, record.secretHash())) {
                found = record;
            }
        }
        return Optional.ofNullable(found);
    }
}
