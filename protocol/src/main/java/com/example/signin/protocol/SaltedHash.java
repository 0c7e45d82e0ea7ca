package com.example.signin.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * {@code base64url(SHA-256(salt ‖ value))}: how the server stores an address key and a link
 * secret without storing either. The salt is per deployment.
 */
public final class SaltedHash {

    /** Shortest salt accepted: 16 bytes of entropy written in base64 or hex is at least this long. */
    public static final int MIN_SALT_LENGTH = 16;

    private final byte[] salt;

    public SaltedHash(String salt) {
        Objects.requireNonNull(salt, "salt");
        if (salt.length() < MIN_SALT_LENGTH) {
            throw new IllegalArgumentException("The hash salt must be at least " + MIN_SALT_LENGTH + " characters");
        }
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
    }

    /** The salted hash of {@code value}. */
    public String of(String value) {
        Objects.requireNonNull(value, "value");
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[salt.length + bytes.length];
        System.arraycopy(salt, 0, input, 0, salt.length);
        System.arraycopy(bytes, 0, input, salt.length, bytes.length);
        return Secrets.encode(CodeChallenge.sha256(input));
    }

    /**
     * Whether two hashes (or secrets, challenges, codes) are equal, compared in constant time;
     * {@code null} never matches. The one place the product compares such values: a build rule
     * (system-tests, ConstantTimeComparisonRuleTest) refuses {@code equals} on them elsewhere.
     */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
