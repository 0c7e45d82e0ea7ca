package com.example.signin.protocol;

/**
 * An address that the protocol does not accept. {@link #getMessage()} is a sentence a person can
 * act on; {@link #reason()} is for code.
 */
public final class InvalidEmailException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why an address was refused. */
    public enum Reason {
        EMPTY("Enter your email address."),
        TOO_LONG("This email address is too long."),
        MISSING_AT("An email address needs an @ between the name and the domain, like alice@example.com."),
        BAD_LOCAL_PART("The part before the @ contains characters an email address cannot have."),
        UNSUPPORTED_LOCAL_PART("Addresses with quotes, spaces or non-Latin letters before the @ are not supported."),
        BAD_DOMAIN("The part after the @ is not a valid domain, like example.com.");

        private final String sentence;

        Reason(String sentence) {
            this.sentence = sentence;
        }

        public String sentence() {
            return sentence;
        }
    }

    private final Reason reason;

    InvalidEmailException(Reason reason) {
        super(reason.sentence());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
