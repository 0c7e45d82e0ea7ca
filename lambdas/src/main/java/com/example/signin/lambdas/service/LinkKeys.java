package com.example.signin.lambdas.service;

import com.example.signin.protocol.EmailAddress;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;

/**
 * The keyed hashes of the link table: HMAC-SHA-256 under two keys derived from one deployment
 * secret (read from Secrets Manager in AWS, from the data folder locally), one for the table keys
 * (address, device, source IP) and one for the stored secret and code hashes. Whoever reads the
 * table alone learns neither an address nor a secret, and cannot test guesses without the secret.
 */
public final class LinkKeys {

    /** Shortest deployment secret accepted (a generated one is 43 characters). */
    public static final int MIN_SECRET_LENGTH = 32;
    /** The key of requests without a device id: they share one cooldown and one record per address. */
    public static final String NO_DEVICE = "none";
    /** The budget key where the source IP is unknown (the local backend): one budget per address. */
    public static final String ANY_SOURCE = "any";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec tableKey;
    private final SecretKeySpec hashKey;

    public LinkKeys(String deploymentSecret) {
        Objects.requireNonNull(deploymentSecret, "deploymentSecret");
        if (deploymentSecret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("The deployment secret must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        byte[] root = deploymentSecret.getBytes(StandardCharsets.UTF_8);
        // Two keys from one secret, each under its own label (HKDF-Expand with one block is this HMAC).
        this.tableKey = new SecretKeySpec(hmac(new SecretKeySpec(root, "HmacSHA256"), "magic-link table key\u0001"), "HmacSHA256");
        this.hashKey = new SecretKeySpec(hmac(new SecretKeySpec(root, "HmacSHA256"), "magic-link hash key\u0001"), "HmacSHA256");
    }

    /** The partition key of an address's items. */
    public String address(EmailAddress email) {
        return B64.encodeToString(hmac(tableKey, "address:" + email.value()));
    }

    /** The sort-key part of a device ({@link #NO_DEVICE} without a device id). */
    public String device(String deviceId) {
        return deviceId == null ? NO_DEVICE : B64.encodeToString(hmac(tableKey, "device:" + deviceId));
    }

    /** The budget key of a source IP ({@link #ANY_SOURCE} when unknown). */
    public String source(String sourceIp) {
        return sourceIp == null || sourceIp.isBlank() ? ANY_SOURCE : B64.encodeToString(hmac(tableKey, "source:" + sourceIp));
    }

    /** The stored hash of a link's secret. */
    public String secretHash(String secret) {
        return B64.encodeToString(hmac(hashKey, "secret:" + secret));
    }

    /** The stored hash of a link's one-time code ({@link com.example.signin.protocol.OneTimeCode}, canonical form). */
    public String codeHash(String code) {
        return B64.encodeToString(hmac(hashKey, "code:" + code));
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
