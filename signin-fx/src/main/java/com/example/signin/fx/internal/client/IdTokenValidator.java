package com.example.signin.fx.internal.client;

import com.example.signin.fx.internal.client.SignInException.Problem;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a Cognito ID token before the app believes anything in it: RS256 signature against the
 * pool's JWKS (fetched once and cached), {@code iss}, {@code aud} equal to the app client id,
 * {@code exp} (one minute of clock skew), {@code token_use} = {@code id}, and an {@code email}.
 */
final class IdTokenValidator {

    /** What the app takes from a valid ID token. */
    record IdToken(String email, String subject, Instant expiresAt) {
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final JWKSource<SecurityContext> keys;

    IdTokenValidator(String jwksUrl, String issuer, String clientId, Clock clock) {
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(URI.create(jwksUrl).toURL(),
                            new DefaultResourceRetriever(5_000, 5_000, 256 * 1024))
                    .retrying(true)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The JWKS address " + jwksUrl + " is not a URL", e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        JWTClaimsSet exact = new JWTClaimsSet.Builder().issuer(issuer).claim("token_use", "id").build();
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId, exact, Set.of("sub", "email", "exp", "iat")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        });
    }

    /**
     * Fetches the pool's keys into the cache and runs the check once on a token with a wrong
     * signature (refused, as it must be), so the first real check finds its keys and classes ready.
     *
     * @throws SignInException when the keys cannot be fetched
     */
    void warmUp() throws SignInException {
        List<JWK> found;
        try {
            found = keys.get(new JWKSelector(new JWKMatcher.Builder().keyType(KeyType.RSA).build()), null);
        } catch (KeySourceException e) {
            throw new SignInException(NetworkProblems.classify(e).orElse(Problem.UNEXPECTED),
                    "The user pool's keys could not be fetched: " + e.getMessage(), e);
        }
        String keyId = found.isEmpty() || found.get(0).getKeyID() == null ? "none" : found.get(0).getKeyID();
        String probe = Base64URL.encode("{\"alg\":\"RS256\",\"kid\":\"" + keyId.replace("\"", "") + "\"}") + "."
                + Base64URL.encode("{\"token_use\":\"id\"}") + "." + Base64URL.encode(new byte[256]);
        try {
            processor.process(probe, null);
            throw new IllegalStateException("A token with a zero signature passed the check");
        } catch (ParseException | BadJOSEException | JOSEException e) {
            // Expected: the signature is wrong.
        }
    }

    /**
     * Validates {@code token}; when {@code expectedEmail} is given, the token must be for that
     * address.
     */
    IdToken validate(String token, Optional<String> expectedEmail) throws SignInException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException e) {
            throw new SignInException(Problem.UNEXPECTED, "The ID token from the sign-in service is not valid: " + e.getMessage(), e);
        } catch (JOSEException e) {
            Problem problem = NetworkProblems.classify(e).orElse(Problem.UNEXPECTED);
            throw new SignInException(problem, "The ID token could not be checked: " + e.getMessage(), e);
        }
        String email;
        try {
            email = claims.getStringClaim("email");
        } catch (ParseException e) {
            throw new SignInException(Problem.UNEXPECTED, "The ID token's email claim is not a string", e);
        }
        String normalised = email.toLowerCase(Locale.ROOT);
        if (expectedEmail.isPresent() && !expectedEmail.get().toLowerCase(Locale.ROOT).equals(normalised)) {
            throw new SignInException(Problem.UNEXPECTED,
                    "The ID token is for another address than the one this app asked a link for");
        }
        return new IdToken(normalised, claims.getSubject(), claims.getExpirationTime().toInstant());
    }
}
