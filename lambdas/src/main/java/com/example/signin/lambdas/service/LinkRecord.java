package com.example.signin.lambdas.service;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The pending link of one device for one address. Holds keyed hashes only, never the address,
 * the device id or the secret.
 *
 * @param emailKey       {@link LinkKeys#address}, the partition key
 * @param deviceKey      {@link LinkKeys#device}; the record's sort key is {@code link#deviceKey}
 * @param secretHash     {@link LinkKeys#secretHash} of the link's secret
 * @param codeHash       {@link LinkKeys#codeHash} of the one-time code derived from that secret (the mail's second
 *                       answer to this same record); empty for a record written before codes existed, so no code matches it
 * @param challenge      the S256 code challenge the app sent with the request
 * @param issuedAt       epoch seconds of the request
 * @param expiresAt      epoch seconds after which the link no longer works (the table's TTL attribute)
 * @param failedAttempts refused answers whose secret matched (foreign device, used, expired)
 * @param wrongCodes     wrong codes typed on the asking device; at {@link com.example.signin.protocol.OneTimeCode#MAX_WRONG_TRIES}
 *                       the record is spent
 * @param usedAt         epoch seconds of the successful sign-in, if any
 */
public record LinkRecord(
        String emailKey,
        String deviceKey,
        String secretHash,
        String codeHash,
        String challenge,
        long issuedAt,
        long expiresAt,
        int failedAttempts,
        int wrongCodes,
        OptionalLong usedAt) {

    public LinkRecord {
        Objects.requireNonNull(emailKey, "emailKey");
        Objects.requireNonNull(deviceKey, "deviceKey");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(usedAt, "usedAt");
    }

    /** A record as a delivery writes it: no failures, not used. */
    public static LinkRecord issued(String emailKey, String deviceKey, String secretHash, String codeHash, String challenge,
                                    long issuedAt, long expiresAt) {
        return new LinkRecord(emailKey, deviceKey, secretHash, codeHash, challenge, issuedAt, expiresAt, 0, 0, OptionalLong.empty());
    }

    /** Never prints the hashes in full; a prefix is enough to follow a record through logs. */
    @Override
    public String toString() {
        return "LinkRecord[key=" + prefix(emailKey) + "…, device=" + prefix(deviceKey) + "…, iat=" + issuedAt
                + ", exp=" + expiresAt + ", failedAttempts=" + failedAttempts + ", wrongCodes=" + wrongCodes + ", usedAt=" + usedAt + "]";
    }

    private static String prefix(String key) {
        return key.substring(0, Math.min(8, key.length()));
    }
}
