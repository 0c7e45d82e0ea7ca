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
    /** The base64url alphabet in value order (RFC 4648 section 5): a character's index is its 6 bits. */
    static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

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
     * characters that encode {@value #BYTES} bytes with one spelling only (no padding, whitespace
     * or stray low bits in the last character). Never throws.
     */
    public static boolean isWellFormed(String value) {
        return isCanonicalBase64url(value, LENGTH, BYTES);
    }

    /**
     * Whether {@code value} is the one unpadded base64url spelling of {@code bytes} bytes, which
     * takes {@code length} characters. Checked by value, not by decoding, so no character can make
     * a decoder throw: every character must be in the alphabet, and the bits the last character
     * carries beyond the bytes (2 for 32 bytes, 4 for 16) must be zero, or the text would be a
     * second spelling of the same bytes.
     */
    static boolean isCanonicalBase64url(String value, int length, int bytes) {
        if (value == null || value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (BASE64URL.indexOf(value.charAt(i)) < 0) {
                return false;
            }
        }
        // The last character carries the bytes' final bits in its high bits; its value must be a
        // multiple of 64 >> those bits (4 for 32 bytes, 16 for 16).
        int lastCharacterBits = bytes * 8 - (length - 1) * 6;
        return BASE64URL.indexOf(value.charAt(length - 1)) % (64 >> lastCharacterBits) == 0;
    }

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }
}
