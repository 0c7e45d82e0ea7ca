package com.example.signin.local.internal;

import com.example.signin.protocol.Sha256;
import com.example.signin.protocol.Secrets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The pool's tokens: mints RS256 ID and access tokens with Cognito's claims and opaque refresh
 * tokens, renews them (REFRESH_TOKEN_AUTH), revokes them (RevokeToken, GlobalSignOut) and checks
 * access tokens (GetUser).
 */
public final class TokenIssuer {

    static final Duration TOKEN_VALIDITY = Duration.ofHours(1);
    static final Duration REFRESH_VALIDITY = Duration.ofDays(30);

    private final UserStore store;
    private final Supplier<TokenSigner> signer;
    private final Supplier<String> issuer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TokenIssuer(UserStore store, Supplier<TokenSigner> signer, Supplier<String> issuer, Clock clock) {
        this.store = store;
        this.signer = signer;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** REFRESH_TOKEN_AUTH: new ID and access tokens for a live refresh token of this client. */
    ObjectNode refresh(String clientId, JsonNode parameters) {
        String token = AwsJson.text(parameters, "REFRESH_TOKEN");
        if (token == null || token.isEmpty()) {
            throw CognitoException.invalidParameter("Missing required parameter REFRESH_TOKEN");
        }
        RefreshTokenRecord record = store.refreshToken(sha256(token))
                .orElseThrow(() -> CognitoException.notAuthorized("Invalid Refresh Token"));
        if (record.revoked) {
            throw CognitoException.notAuthorized("Refresh Token has been revoked");
        }
        if (clock.instant().getEpochSecond() >= record.expiresEpochSeconds) {
            throw CognitoException.notAuthorized("Refresh Token has expired");
        }
        if (!record.clientId.equals(clientId)) {
            throw CognitoException.notAuthorized("Invalid Refresh Token");
        }
        PoolUser user = store.find(record.username).orElseThrow(CognitoException::userNotFound);
        if (!user.enabled) {
            throw CognitoException.notAuthorized("User is disabled.");
        }
        ObjectNode result = Json.object();
        result.putObject("ChallengeParameters");
        ObjectNode tokens = result.putObject("AuthenticationResult");
        mintJwts(tokens, user, clientId, record.originJti, Instant.ofEpochSecond(record.authTimeEpochSeconds));
        return result;
    }

    /** The {@code AuthenticationResult} of a completed sign-in, with a new refresh token. */
    ObjectNode issueNewTokens(PoolUser user, String clientId) {
        Instant now = clock.instant();
        String refreshToken = newRefreshToken();
        RefreshTokenRecord record = new RefreshTokenRecord();
        record.hash = sha256(refreshToken);
        record.username = user.username;
        record.clientId = clientId;
        record.originJti = UUID.randomUUID().toString();
        record.authTimeEpochSeconds = now.getEpochSecond();
        record.expiresEpochSeconds = now.plus(REFRESH_VALIDITY).getEpochSecond();
        store.addRefreshToken(record);
        ObjectNode tokens = Json.object();
        mintJwts(tokens, user, clientId, record.originJti, now);
        tokens.put("RefreshToken", refreshToken);
        return tokens;
    }

    private void mintJwts(ObjectNode into, PoolUser user, String clientId, String originJti, Instant authTime) {
        Instant now = clock.instant();
        Date iat = Date.from(now.truncatedTo(ChronoUnit.SECONDS));
        Date exp = Date.from(now.plus(TOKEN_VALIDITY).truncatedTo(ChronoUnit.SECONDS));
        String eventId = UUID.randomUUID().toString();
        String sub = user.attributes.get("sub");
        long authSeconds = authTime.getEpochSecond();
        JWTClaimsSet.Builder id = new JWTClaimsSet.Builder()
                .subject(sub)
                .claim("email_verified", "true".equals(user.attributes.get("email_verified")))
                .issuer(issuer.get())
                .claim("cognito:username", user.username)
                .claim("origin_jti", originJti)
                .audience(clientId)
                .claim("event_id", eventId)
                .claim("token_use", "id")
                .claim("auth_time", authSeconds)
                .expirationTime(exp)
                .issueTime(iat)
                .jwtID(UUID.randomUUID().toString());
        if (user.email() != null) {
            id.claim("email", user.email());
        }
        JWTClaimsSet access = new JWTClaimsSet.Builder()
                .subject(sub)
                .issuer(issuer.get())
                .claim("client_id", clientId)
                .claim("origin_jti", originJti)
                .claim("event_id", eventId)
                .claim("token_use", "access")
                .claim("scope", "aws.cognito.signin.user.admin")
                .claim("auth_time", authSeconds)
                .expirationTime(exp)
                .issueTime(iat)
                .jwtID(UUID.randomUUID().toString())
                .claim("username", user.username)
                .build();
        into.put("AccessToken", signer.get().sign(access));
        into.put("ExpiresIn", TOKEN_VALIDITY.toSeconds());
        into.put("TokenType", "Bearer");
        into.put("IdToken", signer.get().sign(id.build()));
    }

    /** The user an access token belongs to, after checking signature, use, expiry and revocation. */
    private PoolUser userOfAccessToken(String accessToken) {
        if (accessToken == null || accessToken.isEmpty()) {
            throw CognitoException.missing("accessToken");
        }
        JWTClaimsSet claims = signer.get().verify(accessToken)
                .filter(c -> "access".equals(c.getClaim("token_use")) && issuer.get().equals(c.getIssuer()))
                .orElseThrow(() -> CognitoException.notAuthorized("Invalid Access Token"));
        if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(clock.instant())) {
            throw CognitoException.notAuthorized("Access Token has expired");
        }
        Object originJti = claims.getClaim("origin_jti");
        if (originJti == null || !store.isOriginLive(originJti.toString())) {
            throw CognitoException.notAuthorized("Access Token has been revoked");
        }
        Object username = claims.getClaim("username");
        return store.find(username == null ? "" : username.toString()).orElseThrow(CognitoException::userNotFound);
    }

    public ObjectNode getUser(JsonNode request) {
        PoolUser user = userOfAccessToken(AwsJson.text(request, "AccessToken"));
        ObjectNode result = Json.object();
        result.put("Username", user.username);
        result.set("UserAttributes", UserAdmin.attributeList(user, null));
        return result;
    }

    public ObjectNode globalSignOut(JsonNode request) {
        PoolUser user = userOfAccessToken(AwsJson.text(request, "AccessToken"));
        store.revokeRefreshTokensOf(user.username);
        return Json.object();
    }

    public ObjectNode revokeToken(JsonNode request, PoolIds ids) {
        String token = AwsJson.text(request, "Token");
        if (token == null || token.isEmpty()) {
            throw CognitoException.missing("token");
        }
        String clientId = ids.requireClient(request);
        if (token.chars().filter(c -> c == '.').count() == 2) {
            throw new CognitoException("UnsupportedTokenTypeException", "Only refresh tokens can be revoked.");
        }
        String hash = sha256(token);
        var record = store.refreshToken(hash);
        if (record.isPresent()) {
            if (!record.get().clientId.equals(clientId)) {
                throw CognitoException.notAuthorized("Invalid Refresh Token");
            }
            store.revokeRefreshToken(hash);
        }
        // Cognito answers success for a token it does not know, so revocation cannot be used to probe tokens.
        return Json.object();
    }

    private String newRefreshToken() {
        // Five dot-separated parts like Cognito's (a JWE), but opaque: only its hash is kept.
        return "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ." + Secrets.generate(random) + "."
                + Secrets.generate(random) + "." + Secrets.generate(random) + "." + Secrets.generate(random);
    }

    /** How a refresh token is kept: its SHA-256, never the token. */
    static String sha256(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.digest(value));
    }
}
