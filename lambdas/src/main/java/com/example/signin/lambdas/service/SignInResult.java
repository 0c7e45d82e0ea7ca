package com.example.signin.lambdas.service;

import java.time.Duration;

/** What became of a {@link SignInRequest}; the API turns each kind into one HTTP answer. */
public sealed interface SignInResult {

    /**
     * Well-formed and within cooldown and budget: the work is queued. Identical for every address.
     *
     * @param expiresIn  how long the link will work
     * @param retryAfter how long before this device may ask again
     */
    record Accepted(Duration expiresIn, Duration retryAfter) implements SignInResult {
    }

    /**
     * Malformed input.
     *
     * @param error   {@code invalid_email} or {@code invalid_request}
     * @param message a sentence the person can act on
     */
    record Invalid(String error, String message) implements SignInResult {
    }

    /**
     * This device asked less than the cooldown ago, or the address has used its budget.
     *
     * @param retryAfter when a request can succeed again
     * @param budgetSpent whether the hourly budget (not the cooldown) is the reason
     */
    record TooManyRequests(Duration retryAfter, boolean budgetSpent) implements SignInResult {
    }
}
