package com.example.signin.fx.internal.client;

import com.example.signin.fx.internal.platform.PendingSignIn;
import java.time.Instant;
import java.util.Objects;

/**
 * A link the app asked for and waits for.
 *
 * @param email           the normalised address the link goes to
 * @param requestedAt     when the API accepted the request
 * @param expiresAt       when the link stops working
 * @param resendAllowedAt when the API will take another request for this address
 */
public record LinkRequest(String email, Instant requestedAt, Instant expiresAt, Instant resendAllowedAt) {

    public LinkRequest {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(resendAllowedAt, "resendAllowedAt");
    }

    /** What the screens see of a stored request: everything but the verifier. */
    static LinkRequest of(PendingSignIn pending) {
        return new LinkRequest(pending.email(), pending.requestedAt(), pending.expiresAt(), pending.resendAllowedAt());
    }
}
