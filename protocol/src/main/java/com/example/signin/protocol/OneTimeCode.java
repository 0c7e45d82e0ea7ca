package com.example.signin.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * Stand-in of the lead's {@code OneTimeCode} (shared decisions, issue 14) with the agreed API, so
 * the desktop branch compiles before main has it; replaced by main's class on merge.
 */
public final class OneTimeCode {

    public static final int LENGTH = 8;
    public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private OneTimeCode() {
    }

    public static String derive(String secret) {
        if (!Secrets.isWellFormed(secret)) {
            throw new IllegalArgumentException("Not a link secret");
        }
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(("magic-link-code:" + secret).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(digest[i] & 31));
        }
        return code.toString();
    }

    public static Optional<String> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        return isWellFormed(code) ? Optional.of(code) : Optional.empty();
    }

    public static boolean isWellFormed(String code) {
        if (code == null || code.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    public static String grouped(String code) {
        if (!isWellFormed(code)) {
            throw new IllegalArgumentException("Not a code");
        }
        return code.substring(0, 4) + "-" + code.substring(4);
    }
}
