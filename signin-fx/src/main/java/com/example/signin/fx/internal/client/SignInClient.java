package com.example.signin.fx.internal.client;

import com.example.signin.fx.Session;

import java.util.Optional;

/**
 * Everything the screens need from the backend, as blocking calls made on the app's task
 * executor (never on the JavaFX thread). Implementations talk to the sign-in API and Cognito;
 * view-model tests use fakes.
 *
 * <p>Failure contract: every method fails only with {@link SignInException}, whose
 * {@link SignInException#problem()} tells the screen which sentence to show. Nothing else
 * changes on failure (a failed sign-in keeps the pending request; a failed refresh keeps no
 * half session).
 */
public interface SignInClient {

    /**
     * Validates the address, makes a fresh verifier, stores the pending request (0600 in the
     * data folder) and asks the API to send a link.
     */
    LinkRequest requestLink(String email) throws SignInException;

    /** The request waiting for its link, if any (it survives a restart of the app). */
    Optional<LinkRequest> pendingRequest();

    /** Forgets the pending request ("use a different address"). */
    void forgetPendingRequest();

    /**
     * Completes the sign-in with a link that arrived (clicked, handed over by a second process,
     * or pasted): strict parse, pending request lookup, CUSTOM_AUTH with the verifier, ID token
     * validation, refresh token stored. Clears the pending request on success. Without a pending
     * request it fails with {@code LINK_NOT_REQUESTED_HERE} before anything else: the link is
     * not parsed, not sent anywhere, and no backend is waited for.
     */
    Session completeSignIn(String link) throws SignInException;

    /**
     * Completes the sign-in with the one-time code from the mail, in canonical form
     * ({@code OneTimeCode.parse}): the same pending request and verifier as a link, the code as
     * the challenge's answer. Clears the pending request on success.
     */
    Session completeSignInWithCode(String code) throws SignInException;

    /** Restores the stored session with REFRESH_TOKEN_AUTH; empty when none is stored. */
    Optional<Session> restoreSession() throws SignInException;

    /**
     * Renews the tokens of the current session with its refresh token (while the app runs, before
     * the ID token expires). A refused refresh token ends the session: {@code SESSION_REVOKED} or
     * {@code SESSION_EXPIRED}, and nothing is stored any more. Network failures keep the session.
     */
    Session renewSession() throws SignInException;

    /** Revokes the refresh token (and signs out every device when asked) and forgets the tokens. */
    void signOut(boolean everywhere) throws SignInException;

    /**
     * Prepares the sign-in path while the app idles (connections, keys, classes), so the first
     * sign-in after a start costs what a later one does. Blocks (it may wait for a backend that
     * is still starting); call it off the UI thread. Never fails and never sends anything that
     * makes state on a server: when it cannot do its work, the real call does it. Does nothing
     * by default.
     */
    default void warmUp() {
    }
}
