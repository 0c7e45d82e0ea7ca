package com.example.signin.local;

import com.example.signin.testsupport.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.protocol.MeApi;
import com.example.signin.protocol.Secrets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

/**
 * {@code GET {apiUrl}/me} on the local backend, with tokens the pool really issued (and a few it
 * did not): the checks of the Cognito authorizer, then the Lambda's own. Each test signs in its
 * own address; the backend's clock is injected and only moves forward.
 */
@Timeout(180)
class MeRouteTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static TestClock clock = TestClock.realTime();
    static LocalBackend backend;
    static Endpoints endpoints;
    static CognitoIdentityProviderClient cognito;
    static OkHttpClient http;
    static SignInDriver app;

    @BeforeAll
    static void start() throws Exception {
        backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).port(0).clock(clock).build());
        endpoints = backend.endpoints();
        cognito = TestClients.cognito(endpoints);
        http = TestClients.http();
        app = new SignInDriver(backend, http, cognito);
    }

    @AfterAll
    static void stop() {
        cognito.close();
        backend.close();
    }

    private static AuthenticationResultType signIn(String email) throws Exception {
        return app.signIn(email, Secrets.generate(RANDOM)).authenticationResult();
    }

    private record Answer(int code, String wwwAuthenticate, String contentType, String body) {
    }

    private static Answer me(String authorization) throws Exception {
        Request.Builder request = new Request.Builder().url(endpoints.apiUrl() + MeApi.PATH);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            return new Answer(response.code(), response.header("WWW-Authenticate"), response.header("Content-Type"),
                    response.body().string());
        }
    }

    private static void assertUnauthorized(Answer answer) {
        assertThat(answer.code()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo(MeApi.unauthorizedJson());
        assertThat(answer.wwwAuthenticate()).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(answer.contentType()).isEqualTo("application/json");
    }

    @Test
    void aValidAccessTokenGetsTheEmailAndSubOfItsAccount() throws Exception {
        AuthenticationResultType tokens = signIn("alice@example.com");
        String sub = SignedJWT.parse(tokens.idToken()).getJWTClaimsSet().getSubject();

        Answer answer = me("Bearer " + tokens.accessToken());

        assertThat(answer.code()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(JSON.readTree(answer.body())).isEqualTo(JSON.createObjectNode().put("email", "alice@example.com").put("sub", sub));
    }

    @Test
    void withoutAnAuthorizationHeaderTheAnswerIs401() throws Exception {
        assertUnauthorized(me(null));
        assertUnauthorized(me("Basic YWxpY2U6c2VjcmV0"));
    }

    @Test
    void anIdTokenIsNotAnAccessTokenAndIsRefused() throws Exception {
        AuthenticationResultType tokens = signIn("idtoken@example.com");

        assertUnauthorized(me("Bearer " + tokens.idToken()));
    }

    @Test
    void anExpiredAccessTokenIsRefused() throws Exception {
        AuthenticationResultType tokens = signIn("expired@example.com");
        assertThat(me("Bearer " + tokens.accessToken()).code()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(tokens.expiresIn() + 1));

        assertUnauthorized(me("Bearer " + tokens.accessToken()));
    }

    @Test
    void aTokenOfAnotherPoolIsRefusedWhetherItNamesThatPoolOrThisOne() throws Exception {
        AuthenticationResultType tokens = signIn("foreign@example.com");
        JWTClaimsSet ours = SignedJWT.parse(tokens.accessToken()).getJWTClaimsSet();
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("other-pool-key").generate();

        // Another pool's token: its own key and issuer, otherwise the same claims.
        String otherPool = sign(new JWTClaimsSet.Builder(ours)
                .issuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_OtherPool").build(), otherKey, otherKey.getKeyID());
        // A forgery: this pool's issuer, claims and key id, signed by a key that is not in its JWKS.
        String ourKeyId = SignedJWT.parse(tokens.accessToken()).getHeader().getKeyID();
        String forged = sign(ours, otherKey, ourKeyId);

        assertUnauthorized(me("Bearer " + otherPool));
        assertUnauthorized(me("Bearer " + forged));
    }

    @Test
    void aTokenWhosePayloadWasChangedIsRefused() throws Exception {
        AuthenticationResultType tokens = signIn("tampered@example.com");
        String[] parts = tokens.accessToken().split("\\.");
        JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        String otherSub = JSON.writeValueAsString(((com.fasterxml.jackson.databind.node.ObjectNode) payload)
                .put("sub", "00000000-0000-4000-8000-000000000000"));
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(otherSub.getBytes()) + "." + parts[2];

        assertUnauthorized(me("Bearer " + tampered));
    }

    @Test
    void afterGlobalSignOutTheStillUnexpiredAccessTokenIsRefused() throws Exception {
        AuthenticationResultType tokens = signIn("signedout@example.com");
        assertThat(me("Bearer " + tokens.accessToken()).code()).isEqualTo(200);

        cognito.globalSignOut(b -> b.accessToken(tokens.accessToken()));

        // Signature, issuer and expiry still pass (the authorizer's checks); GetUser knows it was signed out.
        assertUnauthorized(me("Bearer " + tokens.accessToken()));
    }

    @Test
    void twoAuthorizationHeadersAreNoToken() throws Exception {
        AuthenticationResultType tokens = signIn("twice@example.com");
        Request request = new Request.Builder().url(endpoints.apiUrl() + MeApi.PATH)
                .addHeader("Authorization", "Bearer " + tokens.accessToken())
                .addHeader("Authorization", "Bearer " + tokens.accessToken()).build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(401);
        }
    }

    private static String sign(JWTClaimsSet claims, RSAKey key, String keyId) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).type(JOSEObjectType.JWT).build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
