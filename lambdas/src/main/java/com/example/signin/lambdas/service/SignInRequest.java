package com.example.signin.lambdas.service;

/**
 * A request for a sign-in link as the API received it, not yet validated.
 *
 * @param email               the address as typed
 * @param codeChallenge       {@code base64url(SHA-256(verifier))}
 * @param codeChallengeMethod must be {@code S256}
 * @param locale              a BCP 47 language tag, or {@code null} for English
 * @param deviceId            the app's installation id, or {@code null} (older apps share one cooldown per address)
 * @param sourceIp            the caller's IP as the API saw it, or {@code null} when unknown (the local backend)
 */
public record SignInRequest(String email, String codeChallenge, String codeChallengeMethod, String locale,
                            String deviceId, String sourceIp) {

    /** A request without device id or source IP (older apps, tests). */
    public SignInRequest(String email, String codeChallenge, String codeChallengeMethod, String locale) {
        this(email, codeChallenge, codeChallengeMethod, locale, null, null);
    }
}
