package com.example.signin.lambdas.service;

import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.InvalidEmailException;
import com.example.signin.protocol.LinkRefusal;
import com.example.signin.protocol.OneTimeCode;
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
 * address (one per device). The answer is either the link's secret or the one-time code from the
 * same mail, told apart by their form; both answer the same record, so using one spends the other.
 *
 * <p>A secret is compared, as a keyed hash and in constant time, against every record of the
 * address; then used, spent, expiry and the code verifier are checked, then one conditional write
 * that only one of any number of concurrent answers can win. A secret that matches no record
 * changes nothing: with 256-bit secrets guessing is hopeless, and counting made-up answers would
 * let anyone who knows an address burn its owner's link. Only refusals where the secret matched
 * (another device, used, expired) count; at {@code maxFailedAttempts} the record is spent.
 *
 * <p>A code is short (40 bits), so it is bound to the device first: only the record whose code
 * challenge the sent verifier matches is compared. From any other device (or without a verifier)
 * a code changes nothing and counts nothing. On the asking device each wrong code counts, and at
 * {@link OneTimeCode#MAX_WRONG_TRIES} the record is spent ({@link LinkRefusal#SPENT}) for the code
 * and the link alike.
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
     * @param answer   the secret from the link, or the one-time code from the mail (canonical form)
     * @param verifier the code verifier the app sent along (may be missing)
     * @return {@code true} when this answer signs in; {@code false} when a secret matches no record
     *         or a code is wrong or comes from a device that asked for nothing here
     *         ({@link LinkRefusal#INVALID} to the app)
     * @throws LinkRefusalException when the answer matches but the link is expired, used, spent or
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
        if (OneTimeCode.isWellFormed(answer)) {
            return verifyCode(emailKey, answer, verifier);
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
        Optional<LinkRefusal> refusal = closed(record, now);
        if (refusal.isEmpty()) {
            if (!CodeChallenge.matches(verifier, record.challenge())) {
                refusal = Optional.of(LinkRefusal.FOREIGN_DEVICE);
            } else if (store.markUsed(record, now, maxFailedAttempts, OneTimeCode.MAX_WRONG_TRIES)) {
                LOG.info("Link accepted for {}", record);
                return true;
            } else if (matching(store.pending(emailKey), answerHash).isEmpty()) {
                // The device asked again meanwhile (replaced).
                LOG.info("Link record replaced while verifying: {}", record);
                return false;
            } else {
                // Lost the race to a concurrent answer (used) or to refused ones (spent). Expiry
                // cannot be the reason: it was checked at this same now.
                refusal = Optional.of(LinkRefusal.USED);
            }
        }
        store.recordFailure(record);
        LOG.info("Link refused ({}) for {}", refusal.get().code(), record);
        throw new LinkRefusalException(refusal.get());
    }

    private boolean verifyCode(String emailKey, String code, String verifier) {
        String codeHash = keys.codeHash(code);
        Optional<LinkRecord> asked = askedBy(store.pending(emailKey), verifier);
        if (asked.isEmpty()) {
            LOG.info("Code from a device that has no pending link of this address; nothing changed");
            return false;
        }
        LinkRecord record = asked.get();
        boolean right = SaltedHash.same(codeHash, record.codeHash());
        Instant now = clock.instant();
        Optional<LinkRefusal> refusal = closed(record, now);
        if (refusal.isEmpty()) {
            if (!right) {
                long wrong = store.recordWrongCode(record).orElse(0);
                if (wrong < OneTimeCode.MAX_WRONG_TRIES) {
                    LOG.info("Wrong code ({} of {}) for {}", wrong, OneTimeCode.MAX_WRONG_TRIES, record);
                    return false;
                }
                refusal = Optional.of(LinkRefusal.SPENT);
            } else if (store.markUsed(record, now, maxFailedAttempts, OneTimeCode.MAX_WRONG_TRIES)) {
                LOG.info("Code accepted for {}", record);
                return true;
            } else {
                // Lost the race to the link or a concurrent code (used), to wrong codes (spent), or
                // the device asked again meanwhile (replaced: the code belongs to the older mail).
                refusal = askedBy(store.pending(emailKey), verifier)
                        .filter(current -> SaltedHash.same(codeHash, current.codeHash()))
                        .map(current -> closed(current, now).orElse(LinkRefusal.USED));
                if (refusal.isEmpty()) {
                    LOG.info("Link record replaced while verifying a code: {}", record);
                    return false;
                }
            }
        }
        LOG.info("Code refused ({}) for {}", refusal.get().code(), record);
        throw new LinkRefusalException(refusal.get());
    }

    /** Why the record can no longer sign in, by link or code, whatever the answer. */
    private Optional<LinkRefusal> closed(LinkRecord record, Instant now) {
        if (record.usedAt().isPresent() || record.failedAttempts() >= maxFailedAttempts) {
            return Optional.of(LinkRefusal.USED);
        }
        if (record.wrongCodes() >= OneTimeCode.MAX_WRONG_TRIES) {
            return Optional.of(LinkRefusal.SPENT);
        }
        if (record.expiresAt() <= now.getEpochSecond()) {
            return Optional.of(LinkRefusal.EXPIRED);
        }
        return Optional.empty();
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

    /** The record the device holding {@code verifier} asked for; every record is compared, in constant time each. */
    private static Optional<LinkRecord> askedBy(List<LinkRecord> records, String verifier) {
        LinkRecord found = null;
        for (LinkRecord record : records) {
            if (CodeChallenge.matches(verifier, record.challenge())) {
                found = record;
            }
        }
        return Optional.ofNullable(found);
    }
}
