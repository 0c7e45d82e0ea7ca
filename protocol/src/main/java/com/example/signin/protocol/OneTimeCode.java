package com.example.signin.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one-time code a person types when the link cannot reach the app (mail read on another
 * device). It is derived from the link's secret, so the link page computes it from the fragment
 * alone and the server never has to keep the code itself:
 * {@code code[i] = ALPHABET[SHA-256("magic-link-code:" + secret)[i] & 31]} for i in 0..7.
 * <p>
 * 8 characters of a 32-symbol alphabet carry 40 bits; with at most 5 tries per link that is
 * ample. The alphabet leaves out 0, 1, I and O, so no character can be misread as another;
 * 32 divides 256, so taking the low 5 bits of a digest byte has no bias.
 */
public final class OneTimeCode {

    /** Characters of a code (without the display dash). */
    public static final int LENGTH = 8;

    /** The 32 symbols a code is written in: digits 2-9 and A-Z without I and O. */
    public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /**
     * Wrong codes the asking device may type for one link before the server spends the link (and
     * its code): 5 guesses at 40 bits leave an attacker who holds the device's verifier a chance
     * of 5 in 2^40.
     */
    public static final int MAX_WRONG_TRIES = 5;

    static final String DERIVATION_PREFIX = "magic-link-code:";
    static final int GROUP = LENGTH / 2;

    private OneTimeCode() {
    }

    /**
     * The code that belongs to a link secret.
     *
     * @throws IllegalArgumentException if {@code secret} is not a well-formed secret
     */
    public static String derive(String secret) {
        if (!Secrets.isWellFormed(secret)) {
            throw new IllegalArgumentException("A one-time code is derived from a link secret of "
                    + Secrets.LENGTH + " base64url characters");
        }
        byte[] digest = CodeChallenge.sha256((DERIVATION_PREFIX + secret).getBytes(StandardCharsets.UTF_8));
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET.charAt(digest[i] & 31);
        }
        return new String(code);
    }

    /**
     * The canonical code in what a person typed: whitespace and dashes are dropped and letters
     * upper-cased, so {@code " k7qp-m2xd "} reads as {@code K7QPM2XD}. Empty for {@code null},
     * for any other character (including the look-alikes 0, 1, I and O) and for a length other
     * than {@value #LENGTH}. Never throws.
     */
    public static Optional<String> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c == '-' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                continue;
            }
            // Only ASCII letters are folded: a Unicode letter that upper-cases into ASCII must not pass.
            char upper = c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
            if (ALPHABET.indexOf(upper) < 0) {
                return Optional.empty();
            }
            code.append(upper);
        }
        return code.length() == LENGTH ? Optional.of(code.toString()) : Optional.empty();
    }

    /** Whether {@code value} is a code in canonical form: exactly 8 characters of {@link #ALPHABET}. */
    public static boolean isWellFormed(String value) {
        if (value == null || value.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(value.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The code as shown to a person, in two groups of four: {@code K7QP-M2XD}.
     *
     * @throws IllegalArgumentException if {@code code} is not a canonical code
     */
    public static String grouped(String code) {
        if (!isWellFormed(code)) {
            // The value is not echoed: it may be a real code, and exception messages end up in logs.
            throw new IllegalArgumentException("A one-time code is " + LENGTH + " characters of " + ALPHABET);
        }
        return code.substring(0, GROUP) + "-" + code.substring(GROUP);
    }
}
