package com.example.signin.lambdas.service;

/**
 * A request for a sign-in link as the API received it, not yet validated.
 *
 * @param email               the address as typed
 * @param codeChallenge       {@code base64url(SHA-256(verifier))}
 * @param codeChallengeMethod must be {@code S256}
 * @param locale              a BCP 47 language tag, or {@code null} for English
 */
public record SignInRequest(String email, String codeChallenge, String codeChallengeMethod, String locale) {
}
