package com.example.signin.local.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import com.example.signin.protocol.BackgroundStart;
import com.example.signin.protocol.PrivateFiles;
import java.text.ParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * The pool's RS256 signing key, kept in the data folder (owner-only) so that tokens stay valid
 * across restarts, and the JWKS that publishes its public half.
 */
public final class TokenSigner {

    /** How long the first request that needs the key waits for it to be loaded or made. */
    static final Duration KEY_WAIT = Duration.ofSeconds(60);

    private final RSAKey key;
    private final RSASSASigner signer;
    private final RSASSAVerifier verifier;

    private TokenSigner(RSAKey key) throws JOSEException {
        this.key = key;
        this.signer = new RSASSASigner(key);
        this.verifier = new RSASSAVerifier(key.toPublicJWK());
    }

    /**
     * Loads or makes the key on a thread of its own once {@code after} completes (making one is
     * CPU-heavy); the supplier waits for it on first use, {@link #KEY_WAIT} at most.
     */
    public static Supplier<TokenSigner> loadOrCreateInBackground(Path file, CompletionStage<?> after) {
        return awaiting(startInBackground(file, after));
    }

    /** The background load or make itself, for whoever must wait until it no longer writes {@code file}. */
    public static BackgroundStart<TokenSigner> startInBackground(Path file, CompletionStage<?> after) {
        return BackgroundStart.start("signing-key", "the signing key", after, () -> loadOrCreate(file));
    }

    /** A supplier that waits for {@code start} on first use, {@link #KEY_WAIT} at most. */
    public static Supplier<TokenSigner> awaiting(BackgroundStart<TokenSigner> start) {
        return () -> start.await(KEY_WAIT);
    }

    /** Loads the key from {@code file}, or makes one and stores it there. */
    public static TokenSigner loadOrCreate(Path file) throws IOException {
        try {
            if (Files.exists(file)) {
                return new TokenSigner(RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8)));
            }
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            PrivateFiles.writeAtomically(file, key.toJSONString().getBytes(StandardCharsets.UTF_8));
            return new TokenSigner(key);
        } catch (ParseException e) {
            throw new IOException("The signing key in " + file + " is damaged; delete it to make a new one (signed-in users must sign in again)", e);
        } catch (JOSEException e) {
            throw new IOException("The signing key could not be made", e);
        }
    }

    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing failed", e);
        }
        return jwt.serialize();
    }

    /** The claims of {@code token} if it is a JWT this key signed; empty otherwise. */
    public Optional<JWTClaimsSet> verify(String token) {
        if (token == null || token.length() > 16_384) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            return Optional.of(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code {"keys": [...]}} with the public key only. */
    public String jwksJson() {
        return new JWKSet(key.toPublicJWK()).toString(true);
    }
}
