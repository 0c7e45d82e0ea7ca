package com.example.signin.protocol;

/**
 * Input that is not a sign-in link of this app. {@link #getMessage()} is a sentence a person can
 * act on and never repeats the input (it may hold a secret).
 */
public final class MalformedLinkException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why a link was refused. */
    public enum Reason {
        EMPTY("There is no link to open. Paste the whole link from the email."),
        TOO_LONG("This is too long to be a sign-in link. Paste the link from the email again."),
        NOT_A_SIGN_IN_LINK("This is not a sign-in link of this app. Use the link from the sign-in email."),
        DAMAGED("This sign-in link is incomplete or damaged. Copy the whole link from the email, or send a new one.");

        private final String sentence;

        Reason(String sentence) {
            this.sentence = sentence;
        }

        public String sentence() {
            return sentence;
        }
    }

    private final Reason reason;

    MalformedLinkException(Reason reason) {
        super(reason.sentence());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
