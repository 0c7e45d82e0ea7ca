package com.example.signin.fx.internal.client;

import com.example.signin.fx.Session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.signin.fx.internal.client.FakeBackend.Answer;
import com.example.signin.fx.internal.client.SignInException.Problem;
import com.example.signin.fx.MagicLinkConfig;
import com.example.signin.fx.internal.platform.DeviceId;
import com.example.signin.fx.internal.platform.PendingSignIn;
import com.example.signin.fx.internal.platform.PendingSignInStore;
import com.example.signin.fx.internal.platform.PoolTokenStore;
import com.example.signin.fx.internal.platform.TokenStore;
import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.LinkRefusal;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.OneTimeCode;
import com.example.signin.protocol.Secrets;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(60)
class CognitoSignInClientTest {

    private static final String EMAIL = "alice@example.com";
    private static FakeBackend backend;

    @TempDir
    Path dataDir;

    private CognitoSignInClient client;
    private PendingSignInStore pending;
    private TokenStore.FileTokenStore tokens;
    /** The entry's token of the fake backend's pool and client, as the client keeps it. */
    private PoolTokenStore poolTokens;
    private MagicLinkFormat format;
    private final SecureRandom random = new SecureRandom();

    @BeforeAll
    static void startBackend() throws Exception {
        backend = new FakeBackend();
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @BeforeEach
    void newClient() {
        backend.calls.clear();
        client = client(config(backend.base()));
        format = new MagicLinkFormat("com.example.signin", backend.base() + "/link");
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private MagicLinkConfig config(String apiBase) {
        return new MagicLinkConfig("us-east-1", "us-east-1_Test1", FakeBackend.CLIENT_ID, apiBase, backend.base() + "/link",
                backend.issuer(), "com.example.signin", Optional.of(backend.base()), Optional.empty());
    }

    private CognitoSignInClient client(MagicLinkConfig config) {
        pending = new PendingSignInStore(dataDir);
        tokens = new TokenStore.FileTokenStore(dataDir.resolve("refresh-token"));
        poolTokens = new PoolTokenStore(tokens, backend.issuer(), FakeBackend.CLIENT_ID);
        return new CognitoSignInClient(CompletableFuture.completedFuture(config), pending, () -> tokens,
                () -> DeviceId.loadOrCreate(dataDir, random), Clock.systemUTC(), Locale.ENGLISH);
    }

    private static Function<FakeBackend.Call, Answer> only(String operation, Answer answer) {
        return call -> call.operation().equals(operation) ? answer : Answer.json(500, "{}");
    }

    // ---- warmUp ----

    @Test
    void theWarmUpFetchesThePoolsKeysAndSendsNothingThatMakesState() throws Exception {
        backend.jwksFetches.set(0);

        client.warmUp();

        assertThat(backend.jwksFetches.get()).isEqualTo(1);
        assertThat(backend.calls).as("no API call, no user pool call").isEmpty();
        assertThat(client.pendingRequest()).isEmpty();
        assertThat(dataDir.resolve("refresh-token")).doesNotExist();
    }

    @Test
    void theWarmUpsRehearsalOfTheSignInCallGoesThroughTheSdkButIsStoppedBeforeTheNetwork() {
        try (BackendConnections c = BackendConnections.open(config(backend.base()), tokens, Clock.systemUTC())) {
            ChallengeFlow.rehearse(c.cognito());

            assertThat(backend.calls).as("nothing reached the user pool").isEmpty();
        }
    }

    @Test
    void aWarmUpWhileTheBackendDidNotStartFailsQuietlyAndTheRequestThenSaysBackendNotStarted() {
        try (CognitoSignInClient notStarted = new CognitoSignInClient(
                CompletableFuture.failedFuture(new IllegalStateException("port in use")), new PendingSignInStore(dataDir),
                () -> tokens, () -> DeviceId.loadOrCreate(dataDir, random), Clock.systemUTC(), Locale.ENGLISH)) {
            notStarted.warmUp();

            assertThatThrownBy(() -> notStarted.requestLink(EMAIL))
                    .isInstanceOfSatisfying(SignInException.class,
                            e -> assertThat(e.problem()).isEqualTo(SignInException.Problem.BACKEND_NOT_STARTED));
        }
    }

    // ---- requestLink ----

    @Test
    void aLinkRequestSendsTheChallengeOfTheVerifierItKeeps() throws Exception {
        backend.answers = only("/signin", Answer.json(202, "{\"message\":\"Check your inbox\"}"));
        LinkRequest request = client.requestLink("  Alice@Example.COM ");

        assertThat(request.email()).isEqualTo(EMAIL);
        assertThat(request.expiresAt()).isAfter(request.requestedAt());
        assertThat(request.resendAllowedAt()).isAfter(request.requestedAt());
        JsonNode body = backend.calls("/signin").get(0).body();
        assertThat(body.get("email").asText()).isEqualTo(EMAIL);
        assertThat(body.get("codeChallengeMethod").asText()).isEqualTo("S256");
        assertThat(body.get("locale").asText()).isEqualTo("en");
        PendingSignIn stored = pending.load().orElseThrow();
        assertThat(body.get("codeChallenge").asText()).isEqualTo(CodeChallenge.s256(stored.verifier()));
        assertThat(body.toString()).doesNotContain(stored.verifier());
        assertThat(client.pendingRequest()).contains(request);
    }

    @Test
    void everyRequestCarriesThisInstallationsDeviceIdWhichSurvivesARestart() throws Exception {
        backend.answers = only("/signin", Answer.json(202, "{\"message\":\"Check your inbox\"}"));
        client.requestLink(EMAIL);
        client.close();
        client = client(config(backend.base()));
        client.requestLink(EMAIL);

        String first = backend.calls("/signin").get(0).body().get("deviceId").asText();
        String second = backend.calls("/signin").get(1).body().get("deviceId").asText();
        assertThat(first).hasSize(22).matches("[A-Za-z0-9_-]+").isEqualTo(second);
        assertThat(Files.readString(dataDir.resolve(DeviceId.FILE_NAME)).strip()).isEqualTo(first);
    }

    @Test
    void theAnswersExpiryAndCooldownAreWhatTheInboxShows() throws Exception {
        backend.answers = only("/signin", Answer.json(202,
                "{\"message\":\"Check your inbox\",\"expiresIn\":300,\"retryAfter\":20}"));

        LinkRequest request = client.requestLink(EMAIL);

        assertThat(Duration.between(request.requestedAt(), request.expiresAt())).isEqualTo(Duration.ofSeconds(300));
        assertThat(Duration.between(request.requestedAt(), request.resendAllowedAt())).isEqualTo(Duration.ofSeconds(20));
        assertThat(pending.load().orElseThrow().expiresAt()).isEqualTo(request.expiresAt());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // an older server says nothing but the message
            "{\"message\":\"Check your inbox\"}",
            // figures that cannot be meant: negative, text, fractions, more than a day
            "{\"expiresIn\":-5,\"retryAfter\":\"soon\"}",
            "{\"expiresIn\":900.5,\"retryAfter\":86401}",
            // no JSON at all
            "Accepted"})
    void aTwoOhTwoWithoutUsableFiguresGivesTheDocumentedDefaults(String body) throws Exception {
        backend.answers = only("/signin", Answer.json(202, body));

        LinkRequest request = client.requestLink(EMAIL);

        assertThat(Duration.between(request.requestedAt(), request.expiresAt())).isEqualTo(Duration.ofMinutes(15));
        assertThat(Duration.between(request.requestedAt(), request.resendAllowedAt())).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void anInvalidAddressIsRefusedWithoutAsking() {
        assertThatThrownBy(() -> client.requestLink("alice@"))
                .isInstanceOfSatisfying(SignInException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_EMAIL))
                .hasMessageContaining("domain");
        assertThat(backend.calls).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
        // the API's refusal of the address: its sentence is shown
        "400 | {\"error\":\"invalid_email\",\"message\":\"The domain does not accept mail.\"} |  | INVALID_EMAIL",
        "400 | {\"error\":\"invalid_request\"} |  | UNEXPECTED",
        "413 | {\"error\":\"payload_too_large\"} |  | UNEXPECTED",
        "429 | {\"error\":\"too_many_requests\"} | 42 | RATE_LIMITED",
        "503 | {\"error\":\"email_unavailable\"} |  | SERVICE_UNAVAILABLE",
        "500 | {} |  | SERVICE_UNAVAILABLE",
    })
    void everyRefusalOfTheApiBecomesAProblemAndKeepsTheEarlierRequest(int status, String body, String retryAfter, Problem problem)
            throws Exception {
        PendingSignIn earlier = new PendingSignIn(EMAIL, Secrets.generate(random), Instant.now(), Instant.now().plusSeconds(600),
                Instant.now());
        pending.save(earlier);
        backend.answers = only("/signin", new Answer(status, body, retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter)));

        SignInException e = catchSignIn(() -> client.requestLink(EMAIL));
        assertThat(e.problem()).isEqualTo(problem);
        if (problem == Problem.RATE_LIMITED) {
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(42));
        }
        if (problem == Problem.INVALID_EMAIL) {
            assertThat(e.getMessage()).isEqualTo("The domain does not accept mail.");
        }
        assertThat(pending.load()).contains(earlier);
    }

    @Test
    void aRefusedConnectionMeansUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (CognitoSignInClient refused = client(config("http://127.0.0.1:" + closedPort))) {
            assertThat(catchSignIn(() -> refused.requestLink(EMAIL)).problem()).isEqualTo(Problem.UNREACHABLE);
        }
    }

    @Test
    void aNameThatDoesNotResolveMeansOffline() {
        try (CognitoSignInClient offline = client(config("https://signin.example.invalid"))) {
            assertThat(catchSignIn(() -> offline.requestLink(EMAIL)).problem()).isEqualTo(Problem.OFFLINE);
        }
    }

    @Test
    void aBackendThatNeverStartsIsReportedNotAwaitedForever() {
        try (CognitoSignInClient waiting = new CognitoSignInClient(
                CompletableFuture.failedFuture(new IllegalStateException("port in use")), new PendingSignInStore(dataDir),
                () -> tokens, Clock.systemUTC(), Locale.ENGLISH)) {
            SignInException e = catchSignIn(() -> waiting.requestLink(EMAIL));
            assertThat(e.problem()).isEqualTo(Problem.BACKEND_NOT_STARTED);
            assertThat(e.getMessage()).contains("port in use");
        }
    }

    // ---- completeSignIn ----

    private String secret;
    private PendingSignIn request;

    private void pendingRequest(Instant expiresAt) throws Exception {
        request = new PendingSignIn(EMAIL, Secrets.generate(random), Instant.now(), expiresAt, Instant.now());
        pending.save(request);
        secret = Secrets.generate(random);
    }

    private void poolAnswers(Answer respond) {
        backend.answers = call -> switch (call.operation()) {
            case "InitiateAuth" -> Answer.json(200, "{\"ChallengeName\":\"CUSTOM_CHALLENGE\",\"Session\":\"s-1\",\"ChallengeParameters\":{}}");
            case "RespondToAuthChallenge" -> respond;
            default -> Answer.json(200, "{}");
        };
    }

    @Test
    void aValidLinkSignsInWithTheVerifierAndKeepsOnlyTheRefreshToken() throws Exception {
        pendingRequest(Instant.now().plusSeconds(600));
        poolAnswers(Answer.json(200, FakeBackend.authenticationResult(backend.idToken(EMAIL, backend.key, b -> b), "refresh-1")));

        Session session = client.completeSignIn(format.pageLink(secret));

        assertThat(session.email()).isEqualTo(EMAIL);
        assertThat(session.tokenStorage()).isEqualTo(Session.TokenStorage.FILE);
        assertThat(session.expiresAt()).isAfter(Instant.now());
        JsonNode initiate = backend.calls("InitiateAuth").get(0).body();
        assertThat(initiate.get("AuthFlow").asText()).isEqualTo("CUSTOM_AUTH");
        assertThat(initiate.at("/AuthParameters/USERNAME").asText()).isEqualTo(EMAIL);
        JsonNode respond = backend.calls("RespondToAuthChallenge").get(0).body();
        assertThat(respond.get("Session").asText()).isEqualTo("s-1");
        assertThat(respond.at("/ChallengeResponses/ANSWER").asText()).isEqualTo(secret);
        assertThat(respond.at("/ClientMetadata/codeVerifier").asText()).isEqualTo(request.verifier());
        assertThat(poolTokens.load()).contains("refresh-1");
        assertThat(pending.load()).isEmpty();
    }

    @Test
    void anAppLinkWorksAsWellAsAPageLink() throws Exception {
        pendingRequest(Instant.now().plusSeconds(600));
        poolAnswers(Answer.json(200, FakeBackend.authenticationResult(backend.idToken(EMAIL, backend.key, b -> b), "refresh-1")));
        assertThat(client.completeSignIn(format.appLink(secret)).email()).isEqualTo(EMAIL);
    }

    @Test
    void aDamagedLinkIsRefusedBeforeAnyCall() throws Exception {
        pendingRequest(Instant.now().plusSeconds(600));
        assertThat(catchSignIn(() -> client.completeSignIn("com.example.signin://signin#short")).problem())
                .isEqualTo(Problem.LINK_MALFORMED);
        assertThat(catchSignIn(() -> client.completeSignIn("https://evil.example/open#" + secret)).problem())
                .isEqualTo(Problem.LINK_MALFORMED);
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void aLinkWithoutAPendingRequestWasNotRequestedHere() {
        String link = format.appLink(Secrets.generate(random));
        assertThat(catchSignIn(() -> client.completeSignIn(link)).problem()).isEqualTo(Problem.LINK_NOT_REQUESTED_HERE);
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void aLinkWithoutAPendingRequestIsRefusedWithoutWaitingForABackendStillStarting() throws Exception {
        try (CognitoSignInClient starting = new CognitoSignInClient(new CompletableFuture<>(), new PendingSignInStore(dataDir),
                () -> tokens, Clock.systemUTC(), Locale.ENGLISH)) {
            assertThat(catchSignIn(() -> starting.completeSignIn(format.appLink(Secrets.generate(random)))).problem())
                    .isEqualTo(Problem.LINK_NOT_REQUESTED_HERE);
        }
    }

    @Test
    void aRequestExpiredHereIsRefusedWithoutAsking() throws Exception {
        pendingRequest(Instant.now().minusSeconds(1));
        assertThat(catchSignIn(() -> client.completeSignIn(format.appLink(secret))).problem()).isEqualTo(Problem.LINK_EXPIRED);
        assertThat(backend.calls).isEmpty();
        assertThat(client.pendingRequest()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "link_expired, LINK_EXPIRED",
        "link_used, LINK_USED",
        "link_invalid, LINK_INVALID",
        "link_foreign_device, LINK_FOREIGN_DEVICE",
        "link_spent, LINK_SPENT",
    })
    void theTriggersRefusalReachesTheScreenAndKeepsThePendingRequest(String code, Problem problem) throws Exception {
        pendingRequest(Instant.now().plusSeconds(600));
        poolAnswers(FakeBackend.cognitoError("UserLambdaValidationException",
                String.format(LinkRefusal.COGNITO_MESSAGE_FORMAT, code)));
        assertThat(catchSignIn(() -> client.completeSignIn(format.appLink(secret))).problem()).isEqualTo(problem);
        assertThat(pending.load()).contains(request);
        assertThat(poolTokens.load()).isEmpty();
    }

    @Test
    void aCallTheUserPoolsWafBlockedIsRateLimitedAndKeepsThePendingRequest() throws Exception {
        pendingRequest(Instant.now().plusSeconds(600));
        backend.answers = call -> new Answer(403, "{\"__type\":\"ForbiddenException\",\"message\":\"Request blocked by AWS WAF\"}",
                java.util.Map.of());
        assertThat(catchSignIn(() -> client.completeSignIn(format.appLink(secret))).problem()).isEqualTo(Problem.RATE_LIMITED);
        assertThat(pending.load()).contains(request);
    }

    @Test
    void aWrongAnswerIsAnInvalidLink() throws Exception {
        pendingRequest(Instant.now().plusSeconds(600));
        poolAnswers(FakeBackend.cognitoError("NotAuthorizedException", "Incorrect username or password."));
        assertThat(catchSignIn(() -> client.completeSignIn(format.appLink(secret))).problem()).isEqualTo(Problem.LINK_INVALID);
    }

    // ---- completeSignInWithCode ----

    @Test
    void aCodeAnswersTheSamePendingRequestWithTheSameVerifier() throws Exception {
        pendingRequest(Instant.now().plusSeconds(600));
        String code = OneTimeCode.derive(secret);
        poolAnswers(Answer.json(200, FakeBackend.authenticationResult(backend.idToken(EMAIL, backend.key, b -> b), "refresh-1")));

        Session session = client.completeSignInWithCode(code);

        assertThat(session.email()).isEqualTo(EMAIL);
        assertThat(backend.calls("InitiateAuth").get(0).body().at("/AuthParameters/USERNAME").asText()).isEqualTo(EMAIL);
        JsonNode respond = backend.calls("RespondToAuthChallenge").get(0).body();
        assertThat(respond.at("/ChallengeResponses/ANSWER").asText()).isEqualTo(code);
        assertThat(respond.at("/ClientMetadata/codeVerifier").asText()).isEqualTo(request.verifier());
        assertThat(poolTokens.load()).contains("refresh-1");
        assertThat(pending.load()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "link_expired, CODE_EXPIRED",
        "link_used, CODE_USED",
        "link_invalid, CODE_WRONG",
        "link_foreign_device, CODE_FOREIGN_DEVICE",
        "link_spent, CODE_TOO_MANY_TRIES",
    })
    void theTriggersRefusalOfACodeGetsTheCodesSentence(String refusal, Problem problem) throws Exception {
        pendingRequest(Instant.now().plusSeconds(600));
        poolAnswers(FakeBackend.cognitoError("UserLambdaValidationException",
                String.format(LinkRefusal.COGNITO_MESSAGE_FORMAT, refusal)));

        assertThat(catchSignIn(() -> client.completeSignInWithCode("K7QPM2XD")).problem()).isEqualTo(problem);
        assertThat(pending.load()).contains(request);
    }

    @Test
    void aCodeWithoutAPendingRequestOrAfterItsTimeIsRefusedWithoutAsking() throws Exception {
        assertThat(catchSignIn(() -> client.completeSignInWithCode("K7QPM2XD")).problem())
                .isEqualTo(Problem.CODE_NOT_REQUESTED_HERE);
        pendingRequest(Instant.now().minusSeconds(1));
        assertThat(catchSignIn(() -> client.completeSignInWithCode("K7QPM2XD")).problem()).isEqualTo(Problem.CODE_EXPIRED);
        assertThat(catchSignIn(() -> client.completeSignInWithCode("k7qp-m2xd")).problem()).isEqualTo(Problem.CODE_MALFORMED);
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void anIdTokenSignedByAnotherKeyIsNotTrusted() throws Exception {
        pendingRequest(Instant.now().plusSeconds(600));
        poolAnswers(Answer.json(200, FakeBackend.authenticationResult(backend.idToken(EMAIL, backend.otherKey, b -> b), "refresh-1")));
        assertThat(catchSignIn(() -> client.completeSignIn(format.appLink(secret))).problem()).isEqualTo(Problem.UNEXPECTED);
        assertThat(poolTokens.load()).isEmpty();
        assertThat(pending.load()).contains(request);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"another audience", "another issuer", "an access token", "expired", "another address"})
    void anIdTokenWithWrongClaimsIsNotTrusted(String what) throws Exception {
        pendingRequest(Instant.now().plusSeconds(600));
        String email = what.equals("another address") ? "mallory@example.com" : EMAIL;
        String token = backend.idToken(email, backend.key, b -> switch (what) {
            case "another audience" -> b.audience("otherclient");
            case "another issuer" -> b.issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other");
            case "an access token" -> b.claim("token_use", "access");
            case "expired" -> b.expirationTime(Date.from(Instant.now().minusSeconds(3600)));
            default -> b;
        });
        poolAnswers(Answer.json(200, FakeBackend.authenticationResult(token, "refresh-1")));
        assertThat(catchSignIn(() -> client.completeSignIn(format.appLink(secret))).problem()).isEqualTo(Problem.UNEXPECTED);
        assertThat(poolTokens.load()).isEmpty();
    }

    // ---- restoreSession and signOut ----

    @Test
    void withoutAStoredTokenThereIsNoSessionToRestore() throws Exception {
        assertThat(client.restoreSession()).isEmpty();
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void withoutAStoredTokenTheStartDoesNotWaitForABackendStillStarting() throws Exception {
        try (CognitoSignInClient starting = new CognitoSignInClient(new CompletableFuture<>(), new PendingSignInStore(dataDir),
                () -> tokens, Clock.systemUTC(), Locale.ENGLISH)) {
            assertThat(starting.restoreSession()).isEmpty();
            assertThat(starting.pendingRequest()).isEmpty();
        }
    }

    @Test
    void aStoredTokenRestoresTheSession() throws Exception {
        poolTokens.save("refresh-stored");
        backend.answers = only("InitiateAuth",
                Answer.json(200, FakeBackend.authenticationResult(backend.idToken(EMAIL, backend.key, b -> b), null)));
        Session session = client.restoreSession().orElseThrow();
        assertThat(session.email()).isEqualTo(EMAIL);
        JsonNode call = backend.calls("InitiateAuth").get(0).body();
        assertThat(call.get("AuthFlow").asText()).isEqualTo("REFRESH_TOKEN_AUTH");
        assertThat(call.at("/AuthParameters/REFRESH_TOKEN").asText()).isEqualTo("refresh-stored");
        assertThat(poolTokens.load()).contains("refresh-stored");
    }

    @Test
    void aTokenOfAnotherPoolOrClientIsNeverSentToThisOne() throws Exception {
        new PoolTokenStore(tokens, "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Old", FakeBackend.CLIENT_ID)
                .save("refresh-of-the-old-pool");
        new PoolTokenStore(tokens, backend.issuer(), "otherclient").save("refresh-of-another-client");

        assertThat(client.restoreSession()).isEmpty();

        assertThat(backend.calls).isEmpty();
        assertThat(new PoolTokenStore(tokens, "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Old", FakeBackend.CLIENT_ID)
                .load()).as("kept for when the configuration changes back").contains("refresh-of-the-old-pool");
    }

    @Test
    void aBareTokenOfAnOlderVersionBelongsToNoPoolAndIsNotSent() throws Exception {
        tokens.save("refresh-without-its-pool");
        assertThat(client.restoreSession()).isEmpty();
        assertThat(backend.calls).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "Refresh Token has been revoked, SESSION_REVOKED",
        "Refresh Token has expired, SESSION_EXPIRED",
        "Invalid Refresh Token, SESSION_EXPIRED",
    })
    void aRefusedStoredTokenSaysWhyAndIsForgotten(String poolMessage, Problem problem) throws Exception {
        poolTokens.save("refresh-refused");
        backend.answers = only("InitiateAuth", FakeBackend.cognitoError("NotAuthorizedException", poolMessage));
        assertThat(catchSignIn(() -> client.restoreSession()).problem()).isEqualTo(problem);
        assertThat(poolTokens.load()).isEmpty();
    }

    // ---- renewSession ----

    private void signedIn() throws Exception {
        pendingRequest(Instant.now().plusSeconds(600));
        poolAnswers(Answer.json(200, FakeBackend.authenticationResult(backend.idToken(EMAIL, backend.key, b -> b), "refresh-1")));
        client.completeSignIn(format.appLink(secret));
        backend.calls.clear();
    }

    @Test
    void renewingUsesTheSessionsRefreshTokenAndKeepsARotatedOne() throws Exception {
        signedIn();
        backend.answers = only("InitiateAuth",
                Answer.json(200, FakeBackend.authenticationResult(backend.idToken(EMAIL, backend.key, b -> b), "refresh-2")));

        Session renewed = client.renewSession();

        assertThat(renewed.email()).isEqualTo(EMAIL);
        JsonNode call = backend.calls("InitiateAuth").get(0).body();
        assertThat(call.get("AuthFlow").asText()).isEqualTo("REFRESH_TOKEN_AUTH");
        assertThat(call.at("/AuthParameters/REFRESH_TOKEN").asText()).isEqualTo("refresh-1");
        assertThat(poolTokens.load()).contains("refresh-2");
    }

    @Test
    void aRevokedRefreshTokenEndsTheSessionAndNothingIsKept() throws Exception {
        signedIn();
        backend.answers = only("InitiateAuth", FakeBackend.cognitoError("NotAuthorizedException", "Refresh Token has been revoked"));

        assertThat(catchSignIn(() -> client.renewSession()).problem()).isEqualTo(Problem.SESSION_REVOKED);
        assertThat(poolTokens.load()).isEmpty();
        assertThat(catchSignIn(() -> client.renewSession()).problem()).isEqualTo(Problem.SESSION_EXPIRED);
    }

    @Test
    void aRenewalWhileThePoolIsDownKeepsTheSession() throws Exception {
        signedIn();
        backend.answers = only("InitiateAuth", new Answer(500, "{\"__type\":\"InternalErrorException\",\"message\":\"down\"}", Map.of()));
        assertThat(catchSignIn(() -> client.renewSession()).problem()).isEqualTo(Problem.SERVICE_UNAVAILABLE);
        assertThat(poolTokens.load()).contains("refresh-1");

        backend.answers = only("InitiateAuth",
                Answer.json(200, FakeBackend.authenticationResult(backend.idToken(EMAIL, backend.key, b -> b), null)));
        assertThat(client.renewSession().email()).isEqualTo(EMAIL);
    }

    @Test
    void aPoolThatCannotBeReachedKeepsTheStoredToken() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        MagicLinkConfig base = config(backend.base());
        MagicLinkConfig unreachable = new MagicLinkConfig(base.region(), base.userPoolId(), base.clientId(), base.apiUrl(), base.linkBase(),
                base.issuer(), base.scheme(), Optional.of("http://127.0.0.1:" + closedPort), Optional.empty());
        try (CognitoSignInClient c = client(unreachable)) {
            poolTokens.save("refresh-kept");
            assertThat(catchSignIn(() -> c.restoreSession()).problem()).isEqualTo(Problem.UNREACHABLE);
            assertThat(poolTokens.load()).contains("refresh-kept");
        }
    }

    @Test
    void signingOutEverywhereRevokesAndForgetsTheTokens() throws Exception {
        pendingRequest(Instant.now().plusSeconds(600));
        poolAnswers(Answer.json(200, FakeBackend.authenticationResult(backend.idToken(EMAIL, backend.key, b -> b), "refresh-1")));
        client.completeSignIn(format.appLink(secret));

        client.signOut(true);

        assertThat(backend.calls("GlobalSignOut").get(0).body().get("AccessToken").asText()).isEqualTo("access-token");
        JsonNode revoke = backend.calls("RevokeToken").get(0).body();
        assertThat(revoke.get("Token").asText()).isEqualTo("refresh-1");
        assertThat(revoke.get("ClientId").asText()).isEqualTo(FakeBackend.CLIENT_ID);
        assertThat(poolTokens.load()).isEmpty();
    }

    @Test
    void signingOutOnThisDeviceOnlyRevokesTheRefreshToken() throws Exception {
        poolTokens.save("refresh-stored");
        backend.answers = call -> Answer.json(200, "{}");
        client.signOut(false);
        assertThat(backend.calls("GlobalSignOut")).isEmpty();
        assertThat(backend.calls("RevokeToken")).hasSize(1);
        assertThat(poolTokens.load()).isEmpty();
    }

    private interface Action {
        void run() throws Exception;
    }

    private static SignInException catchSignIn(Action action) {
        try {
            action.run();
        } catch (SignInException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("Expected a SignInException, got " + e, e);
        }
        throw new AssertionError("Expected a SignInException, nothing was thrown");
    }
}
