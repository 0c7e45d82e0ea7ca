package com.example.signin.fx;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in session, after the ID token was validated: who is signed in and until when. The
 * tokens themselves stay inside the library ({@link MagicLinkSignIn#accessToken()} gives the
 * access token for the host's own API calls).
 *
 * @param email        the verified address from the ID token
 * @param expiresAt    when the current ID token expires (the app refreshes before that)
 * @param tokenStorage where the refresh token is kept, so the screen can say so
 */
public record Session(String email, Instant expiresAt, TokenStorage tokenStorage) {

    /**
     * Checks the parts.
     *
     * @param email the verified address
     * @param expiresAt when the ID token expires
     * @param tokenStorage where the refresh token is kept
     * @throws NullPointerException when a part is missing
     */
    public Session {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(tokenStorage, "tokenStorage");
    }

    /** Where the refresh token lives. */
    public enum TokenStorage {
        /** The OS keychain (Secret Service, Keychain, Credential Manager). */
        KEYCHAIN,
        /** A 0600 file in the data folder: no keychain was available; the app shows a notice. */
        FILE
    }
}
