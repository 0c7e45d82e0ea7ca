package com.example.signin.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The PKCE-style binding of a link to the device that asked for it (RFC 7636, method S256):
 * the app keeps the verifier, the server keeps {@code base64url(SHA-256(verifier))}.
 */
public final class CodeChallenge {

    /** The only challenge method the protocol accepts. */
    public static final String METHOD_S256 = "S256";

    private CodeChallenge() {
    }

    /**
     * The S256 challenge of a verifier.
     *
     * @throws IllegalArgumentException if {@code verifier} is not a well-formed secret
     */
    public static String s256(String verifier) {
        if (!Secrets.isWellFormed(verifier)) {
            throw new IllegalArgumentException("A code verifier must be " + Secrets.LENGTH + " base64url characters");
        }
        return Secrets.encode(sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Whether {@code verifier} belongs to {@code challenge}, compared in constant time. A missing
     * or malformed verifier or challenge never matches and never throws.
     */
    public static boolean matches(String verifier, String challenge) {
        if (!Secrets.isWellFormed(verifier) || !Secrets.isWellFormed(challenge)) {
            return false;
        }
        return SaltedHash.same(s256(verifier), challenge);
    }

    /** Whether {@code challenge} has the shape of an S256 challenge (43 base64url characters). */
    public static boolean isWellFormed(String challenge) {
        return Secrets.isWellFormed(challenge);
    }

    static byte[] sha256(byte[] input) {
        return Sha256.digest(input);
    }
}
