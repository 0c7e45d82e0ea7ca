package com.example.signin.fx.internal.platform;

import java.time.Instant;
import java.util.Objects;

/**
 * The sign-in request this installation made and waits for a link to: the address, the code
 * verifier that stays on this device, and its times. Kept in the data folder so a link clicked
 * after a restart still works.
 */
public record PendingSignIn(String email, String verifier, Instant requestedAt, Instant expiresAt, Instant resendAllowedAt) {

    public PendingSignIn {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(resendAllowedAt, "resendAllowedAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Leaves the verifier out, so a log line can never carry it. */
    @Override
    public String toString() {
        return "PendingSignIn[email=" + email + ", requestedAt=" + requestedAt + ", expiresAt=" + expiresAt
                + ", resendAllowedAt=" + resendAllowedAt + "]";
    }
}
