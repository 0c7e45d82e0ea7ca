package com.example.signin.protocol;

import java.net.IDN;
import java.util.Locale;

/**
 * A validated, normalised email address: the identity of an account.
 *
 * <p>Accepted: a dot-atom local part (RFC 5322 {@code atext}, at most 64 characters) and a
 * domain of at least two DNS labels; an internationalised domain is stored in its ASCII
 * (punycode) form. Normalisation trims surrounding whitespace and lower-cases the whole address,
 * so {@code Alice@Example.COM} and {@code alice@example.com} are one account. Quoted local parts
 * and non-ASCII local parts are refused: few providers deliver them and they widen the attack
 * surface of every place the address is shown.
 */
public final class EmailAddress {

    /** RFC 5321 path limit less the angle brackets. */
    public static final int MAX_LENGTH = 254;

    static final int MAX_LOCAL_LENGTH = 64;
    /** Longer input is refused before any other work, so hostile input costs nothing. */
    static final int MAX_RAW_LENGTH = 1024;

    private final String value;

    private EmailAddress(String value) {
        this.value = value;
    }

    /**
     * Validates and normalises {@code raw}.
     *
     * @throws InvalidEmailException with a sentence a person can act on; never anything else
     */
    public static EmailAddress parse(String raw) {
        if (raw == null) {
            throw new InvalidEmailException(InvalidEmailException.Reason.EMPTY);
        }
        if (raw.length() > MAX_RAW_LENGTH) {
            throw new InvalidEmailException(InvalidEmailException.Reason.TOO_LONG);
        }
        String trimmed = raw.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidEmailException(InvalidEmailException.Reason.EMPTY);
        }
        int at = trimmed.lastIndexOf('@');
        if (at < 0) {
            throw new InvalidEmailException(InvalidEmailException.Reason.MISSING_AT);
        }
        String local = trimmed.substring(0, at);
        String domain = toAsciiDomain(trimmed.substring(at + 1));
        checkLocalPart(local);
        String address = local.toLowerCase(Locale.ROOT) + "@" + domain;
        if (address.length() > MAX_LENGTH) {
            throw new InvalidEmailException(InvalidEmailException.Reason.TOO_LONG);
        }
        return new EmailAddress(address);
    }

    /** Whether {@code raw} would parse; for validation as a person types. */
    public static boolean isValid(String raw) {
        try {
            parse(raw);
            return true;
        } catch (InvalidEmailException e) {
            return false;
        }
    }

    /** The normalised address: lower case, ASCII only, at most {@value #MAX_LENGTH} characters. */
    public String value() {
        return value;
    }

    /** The domain part of the normalised address, in ASCII. */
    public String domain() {
        return value.substring(value.lastIndexOf('@') + 1);
    }

    private static void checkLocalPart(String local) {
        if (local.isEmpty()) {
            throw new InvalidEmailException(InvalidEmailException.Reason.BAD_LOCAL_PART);
        }
        if (local.length() > MAX_LOCAL_LENGTH) {
            throw new InvalidEmailException(InvalidEmailException.Reason.TOO_LONG);
        }
        boolean previousDot = true; // a leading dot is refused like a double dot
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c == '.') {
                if (previousDot) {
                    throw new InvalidEmailException(InvalidEmailException.Reason.BAD_LOCAL_PART);
                }
                previousDot = true;
            } else if (isAtext(c)) {
                previousDot = false;
            } else if (c == '"' || c == ' ' || c > 0x7f) {
                throw new InvalidEmailException(InvalidEmailException.Reason.UNSUPPORTED_LOCAL_PART);
            } else {
                throw new InvalidEmailException(InvalidEmailException.Reason.BAD_LOCAL_PART);
            }
        }
        if (previousDot) {
            throw new InvalidEmailException(InvalidEmailException.Reason.BAD_LOCAL_PART);
        }
    }

    /** RFC 5322 atext. */
    private static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    private static String toAsciiDomain(String domain) {
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new InvalidEmailException(InvalidEmailException.Reason.BAD_DOMAIN);
        }
        // USE_STD3_ASCII_RULES has already refused empty inner labels, labels over 63 characters,
        // a hyphen at either end of a label and anything but letters, digits and hyphens.
        ascii = ascii.toLowerCase(Locale.ROOT);
        String[] labels = ascii.split("\\.", -1);
        // Left to check: two labels at least, and a top-level label that is not all digits, which
        // refuses IPv4 literals and the empty label a trailing dot leaves (toASCII keeps that dot).
        if (labels.length < 2 || labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new InvalidEmailException(InvalidEmailException.Reason.BAD_DOMAIN);
        }
        return ascii;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmailAddress other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
