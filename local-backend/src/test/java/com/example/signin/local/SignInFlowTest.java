package com.example.signin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.signin.protocol.Secrets;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;

/** The whole sign-in, as the desktop app does it, through the real AWS SDK and OkHttp. */
@Timeout(180)
class SignInFlowTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dataDir;
    static LocalBackend backend;
    static Endpoints endpoints;
    static CognitoIdentityProviderClient cognito;
    static OkHttpClient http;
    static SignInDriver app;

    @BeforeAll
    static void start() throws Exception {
        backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).port(0).build());
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

    @Test
    void linkFromTheMailboxSignsInWithTokensSignedByTheJwksKey() throws Exception {
        String email = "alice@example.com";
        String verifier = Secrets.generate(RANDOM);
        assertThat(app.requestLink(email, verifier)).isEqualTo(202);

        JsonNode mail = app.messages(email).get(0);
        assertThat(mail.get("to").asText()).isEqualTo(email);
        assertThat(mail.get("subject").asText()).isNotBlank();
        assertThat(mail.get("html").asText()).contains(endpoints.linkBase() + "/open#");
        assertThat(mail.get("id").asText()).isNotBlank();
        assertThat(mail.get("receivedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        String secret = app.latestSecret(email);

        InitiateAuthResponse challenge = app.initiate(email);
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        assertThat(challenge.session()).isNotBlank();
        assertThat(challenge.challengeParameters()).containsKey("USERNAME").doesNotContainValue(secret);

        AuthenticationResultType tokens = app.answer(email, challenge.session(), secret, verifier).authenticationResult();
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.expiresIn()).isEqualTo(3600);

        JWTClaimsSet id = validate(tokens.idToken(), "id");
        assertThat(id.getAudience()).containsExactly(endpoints.clientId());
        assertThat(id.getStringClaim("email")).isEqualTo(email);
        assertThat(id.getStringClaim("cognito:username")).isEqualTo(id.getSubject());
        assertThat(id.getClaims()).containsKeys("auth_time", "jti", "origin_jti", "event_id", "email_verified");
        JWTClaimsSet access = validate(tokens.accessToken(), "access");
        assertThat(access.getStringClaim("client_id")).isEqualTo(endpoints.clientId());
        assertThat(access.getStringClaim("origin_jti")).isEqualTo(id.getStringClaim("origin_jti"));

        GetUserResponse user = cognito.getUser(b -> b.accessToken(tokens.accessToken()));
        assertThat(user.userAttributes()).contains(
                AttributeType.builder().name("email").value(email).build(),
                // PostAuthentication marked the address verified after the first link sign-in.
                AttributeType.builder().name("email_verified").value("true").build());

        AuthenticationResultType refreshed = cognito.initiateAuth(b -> b.clientId(endpoints.clientId())
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken()))).authenticationResult();
        assertThat(validate(refreshed.idToken(), "id").getBooleanClaim("email_verified")).isTrue();
        assertThat(refreshed.refreshToken()).isNull();

        cognito.revokeToken(b -> b.clientId(endpoints.clientId()).token(tokens.refreshToken()));
        assertThatThrownBy(() -> cognito.initiateAuth(b -> b.clientId(endpoints.clientId())
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken()))))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Refresh Token has been revoked");
        assertThatThrownBy(() -> cognito.getUser(b -> b.accessToken(refreshed.accessToken())))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Access Token has been revoked");
    }

    @Test
    void globalSignOutRevokesEveryRefreshTokenOfTheUser() throws Exception {
        String email = "bob@example.com";
        String verifier = Secrets.generate(RANDOM);
        AuthenticationResultType tokens = app.signIn(email, verifier).authenticationResult();

        cognito.globalSignOut(b -> b.accessToken(tokens.accessToken()));

        assertThatThrownBy(() -> cognito.initiateAuth(b -> b.clientId(endpoints.clientId())
                .authFlow(AuthFlowType.REFRESH_TOKEN)
                .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken()))))
                .isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void unknownAddressStillGetsAChallengeAndThenNotAuthorized() {
        // PreventUserExistenceErrors: the flow looks the same until the answer is refused.
        InitiateAuthResponse challenge = app.initiate("nobody-" + RANDOM.nextInt(1_000_000) + "@example.com");
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        assertThatThrownBy(() -> app.answer("nobody@example.com", challenge.session(), Secrets.generate(RANDOM),
                Secrets.generate(RANDOM)))
                .isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void selfServiceSignUpIsRefusedByThePreSignUpTrigger() {
        assertThatThrownBy(() -> cognito.signUp(b -> b.clientId(endpoints.clientId()).username("eve@example.com")
                .password("Long-enough-password-1")))
                .isInstanceOf(UserLambdaValidationException.class)
                .hasMessageStartingWith("PreSignUp failed with error ");
    }

    @Test
    void malformedSignInRequestGetsTheApisErrorShape() throws Exception {
        try (Response response = app.post(endpoints.apiUrl() + "/signin", "{\"email\": \"not an address\"")) {
            assertThat(response.code()).isEqualTo(400);
            assertThat(response.body().string()).contains("\"error\"");
        }
    }

    @Test
    void secondRequestWithinTheCooldownIsTooManyRequests() throws Exception {
        String email = "carol@example.com";
        assertThat(app.requestLink(email, Secrets.generate(RANDOM))).isEqualTo(202);
        assertThat(app.requestLink(email, Secrets.generate(RANDOM))).isEqualTo(429);
    }

    @Test
    void mailboxPageListsTheLinkEscaped() throws Exception {
        String email = "dora@example.com";
        assertThat(app.requestLink(email, Secrets.generate(RANDOM))).isEqualTo(202);
        assertThat(backend.awaitDeliveries(java.time.Duration.ofSeconds(60))).isTrue();
        try (Response page = http.newCall(new Request.Builder().url(endpoints.mailboxUrl()).build()).execute()) {
            assertThat(page.code()).isEqualTo(200);
            assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'none'");
            String html = page.body().string();
            assertThat(html).contains("dora@example.com").contains("href=\"" + endpoints.linkBase() + "/open#");
        }
    }

    static JWTClaimsSet validate(String token, String use) throws Exception {
        String jwks;
        try (Response response = http.newCall(new Request.Builder().url(endpoints.jwksUrl()).build()).execute()) {
            jwks = response.body().string();
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(JWKSet.parse(jwks))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(endpoints.issuer()).claim("token_use", use).build(),
                Set.of("sub", "exp", "iat", "jti", "auth_time")));
        return processor.process(token, null);
    }
}
