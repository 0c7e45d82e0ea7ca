package com.example.signin.protocol;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The two random values of the protocol: the link secret (made by the server) and the code
 * verifier (made by the app). Both are 32 bytes from {@link SecureRandom}, written base64url
 * without padding, so always {@value #LENGTH} characters.
 */
public final class Secrets {

    /** Random bytes in a secret or a verifier. */
    public static final int BYTES = 32;

    /** Characters of a secret or a verifier in base64url without padding. */
    public static final int LENGTH = 43;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Secrets() {
    }

    /** A fresh secret or verifier: {@value #BYTES} bytes from {@code random}, base64url. */
    public static String generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Whether {@code value} is exactly what {@link #generate} makes: {@value #LENGTH} base64url
     * characters that decode to {@value #BYTES} bytes and encode back to the same text (so there
     * is one spelling per value, and no padding, whitespace or stray bits).
     */
    public static boolean isWellFormed(String value) {
        if (value == null || value.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (!isBase64UrlChar(value.charAt(i))) {
                return false;
            }
        }
        byte[] decoded = DECODER.decode(value);
        return decoded.length == BYTES && ENCODER.encodeToString(decoded).equals(value);
    }

    static boolean isBase64UrlChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }
}
