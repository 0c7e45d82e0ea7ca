package com.example.signin.fx.internal.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A sign-in step that did not work. {@link #problem()} picks the sentence the screen shows
 * (texts live in the resource bundle under {@code problem.<name>}); the exception message is
 * for the log and never holds a secret or a token.
 */
public final class SignInException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, in the terms a person understands. */
    public enum Problem {
        /** The address is not valid; {@link #getMessage()} is the protocol's sentence. */
        INVALID_EMAIL,
        /** No network at all. */
        OFFLINE,
        /** The network works but the API or Cognito cannot be reached. */
        UNREACHABLE,
        /** Too many requests for this address; see {@link #retryAfter()}. */
        RATE_LIMITED,
        /** The API or the user pool answered that it is down for now (502, 503, 504 or another 5xx). */
        SERVICE_UNAVAILABLE,
        /** The embedded local backend did not start (or not in time): nothing can be asked of it. */
        BACKEND_NOT_STARTED,
        /** The text is not a sign-in link of this app, or it is damaged. */
        LINK_MALFORMED,
        /** This app has no pending request: the link was asked for elsewhere or already used here. */
        LINK_NOT_REQUESTED_HERE,
        /** The link's time is over. */
        LINK_EXPIRED,
        /** The link already signed someone in. */
        LINK_USED,
        /** Too many wrong codes were typed for this link's request, so its link no longer works either. */
        LINK_SPENT,
        /** The link is unknown: replaced by a newer one, burnt by wrong answers, or mistyped. */
        LINK_INVALID,
        /** The link belongs to a request made on another device or app installation. */
        LINK_FOREIGN_DEVICE,
        /** The typed text is not a code of the mail's form (8 letters and digits, like K7QP-M2XD). */
        CODE_MALFORMED,
        /** This app has no pending request to answer with a code. */
        CODE_NOT_REQUESTED_HERE,
        /** The code does not match the pending request (mistyped, or an older mail's code). */
        CODE_WRONG,
        /** Too many wrong codes: the request is spent; only a new link (and its code) helps. */
        CODE_TOO_MANY_TRIES,
        /** The code's request timed out. */
        CODE_EXPIRED,
        /** The code, or the link of the same mail, already signed someone in. */
        CODE_USED,
        /** The code belongs to a request made on another device or app installation. */
        CODE_FOREIGN_DEVICE,
        /** The session can no longer be restored or renewed (its refresh token expired); sign in again. */
        SESSION_EXPIRED,
        /** The session was ended elsewhere (sign-out everywhere, an administrator); sign in again. */
        SESSION_REVOKED,
        /** Anything else; logged with its cause. */
        UNEXPECTED
    }

    private final Problem problem;
    private final Duration retryAfter;

    public SignInException(Problem problem, String message) {
        this(problem, message, null, null);
    }

    public SignInException(Problem problem, String message, Throwable cause) {
        this(problem, message, null, cause);
    }

    public SignInException(Problem problem, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    /** How long to wait before asking again, for {@link Problem#RATE_LIMITED}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
