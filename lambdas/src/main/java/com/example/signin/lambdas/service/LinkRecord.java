package com.example.signin.lambdas.service;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The one stored link of an address. Holds salted hashes only, never the address or the secret.
 *
 * @param emailKey       {@code SHA-256(salt ‖ normalisedEmail)}, the table key
 * @param secretHash     {@code SHA-256(salt ‖ secret)}
 * @param challenge      the S256 code challenge the app sent with the request
 * @param issuedAt       epoch seconds of the request
 * @param expiresAt      epoch seconds after which the link no longer works (the table's TTL attribute)
 * @param failedAttempts wrong or refused answers so far
 * @param usedAt         epoch seconds of the successful sign-in, if any
 */
public record LinkRecord(
        String emailKey,
        String secretHash,
        String challenge,
        long issuedAt,
        long expiresAt,
        int failedAttempts,
        OptionalLong usedAt) {

    public LinkRecord {
        Objects.requireNonNull(emailKey, "emailKey");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(usedAt, "usedAt");
    }

    /** A record as a new request writes it: no failures, not used. */
    public static LinkRecord issued(String emailKey, String secretHash, String challenge, long issuedAt, long expiresAt) {
        return new LinkRecord(emailKey, secretHash, challenge, issuedAt, expiresAt, 0, OptionalLong.empty());
    }

    /** Never prints the hashes in full; a prefix is enough to follow a record through logs. */
    @Override
    public String toString() {
        return "LinkRecord[key=" + emailKey.substring(0, Math.min(8, emailKey.length())) + "…, iat=" + issuedAt
                + ", exp=" + expiresAt + ", failedAttempts=" + failedAttempts + ", usedAt=" + usedAt + "]";
    }
}
