package com.example.signin.lambdas.service;

import java.time.Duration;

/** What became of a {@link SignInRequest}; the API turns each kind into one HTTP answer. */
public sealed interface SignInResult {

    /** Well-formed: a link was sent if the address may sign in. Identical for every address. */
    record Accepted() implements SignInResult {
    }

    /**
     * Malformed input.
     *
     * @param error   {@code invalid_email} or {@code invalid_request}
     * @param message a sentence the person can act on
     */
    record Invalid(String error, String message) implements SignInResult {
    }

    /** The address asked less than the cooldown ago. */
    record TooManyRequests(Duration retryAfter) implements SignInResult {
    }

    /** The mail provider (or the user directory) failed; nothing is stored, so a retry works. */
    record MailUnavailable() implements SignInResult {
    }
}
