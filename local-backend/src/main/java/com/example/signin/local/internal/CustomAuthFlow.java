package com.example.signin.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CUSTOM_AUTH as Cognito runs it: Define, Create, Verify, Define again with the challenge
 * history, PostAuthentication after success; each step of a sign-in is held by an opaque session
 * string that is good for one answer and {@link #SESSION_VALIDITY}. With
 * {@code PreventUserExistenceErrors} on, an unknown address gets a challenge too.
 */
public final class CustomAuthFlow {

    /** How long a CUSTOM_AUTH session string is good for (Cognito: 3 minutes). */
    public static final Duration SESSION_VALIDITY = Duration.ofMinutes(3);
    static final String CUSTOM_CHALLENGE = "CUSTOM_CHALLENGE";
    static final String INCORRECT = "Incorrect username or password.";

    private final UserStore store;
    private final PoolIds ids;
    private final TriggerEvents triggers;
    private final TokenIssuer tokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, AuthSession> sessions = new ConcurrentHashMap<>();

    CustomAuthFlow(UserStore store, TriggerEvents triggers, TokenIssuer tokens, Clock clock) {
        this.store = store;
        this.ids = store.ids();
        this.triggers = triggers;
        this.tokens = tokens;
        this.clock = clock;
    }

    public ObjectNode initiateAuth(JsonNode request, UserPool.Caller caller) {
        String clientId = ids.requireClient(request);
        String flow = AwsJson.requireText(request, "AuthFlow");
        JsonNode parameters = request.path("AuthParameters");
        Map<String, String> clientMetadata = AwsJson.stringMap(request.path("ClientMetadata"));
        switch (flow) {
            case "CUSTOM_AUTH":
                return start(clientId, parameters, clientMetadata, caller);
            case "REFRESH_TOKEN_AUTH":
            case "REFRESH_TOKEN":
                return tokens.refresh(clientId, parameters);
            case "USER_PASSWORD_AUTH":
            case "USER_SRP_AUTH":
            case "USER_AUTH":
                throw new CognitoException("InvalidParameterException", "Auth flow not enabled for this client");
            case "ADMIN_NO_SRP_AUTH":
            case "ADMIN_USER_PASSWORD_AUTH":
                throw CognitoException.invalidParameter("Initiate Auth method not supported.");
            default:
                throw CognitoException.invalidParameter("1 validation error detected: Value '" + flow
                        + "' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, USER_SRP_AUTH, USER_PASSWORD_AUTH, USER_AUTH]");
        }
    }

    private ObjectNode start(String clientId, JsonNode parameters, Map<String, String> clientMetadata, UserPool.Caller caller) {
        String given = AwsJson.text(parameters, "USERNAME");
        if (given == null || given.isEmpty()) {
            throw CognitoException.invalidParameter("Missing required parameter USERNAME");
        }
        Optional<PoolUser> found = store.find(given);
        if (found.isPresent()) {
            PoolUser user = found.get();
            if (!user.enabled) {
                throw CognitoException.notAuthorized("User is disabled.");
            }
            if ("UNCONFIRMED".equals(user.status)) {
                throw new CognitoException("UserNotConfirmedException", "User is not confirmed.");
            }
        }
        AuthSession session = new AuthSession(found.map(u -> u.username).orElse(given), found.isEmpty(), clientId,
                clock.instant());
        return nextStep(session, clientMetadata, caller);
    }

    public ObjectNode respondToAuthChallenge(JsonNode request, UserPool.Caller caller) {
        String clientId = ids.requireClient(request);
        String challengeName = AwsJson.requireText(request, "ChallengeName");
        String sessionId = AwsJson.text(request, "Session");
        JsonNode responses = request.path("ChallengeResponses");
        Map<String, String> clientMetadata = AwsJson.stringMap(request.path("ClientMetadata"));
        if (!CUSTOM_CHALLENGE.equals(challengeName)) {
            throw CognitoException.invalidParameter("Invalid challenge name " + challengeName + " for this flow.");
        }
        if (sessionId == null || sessionId.isEmpty()) {
            throw CognitoException.invalidParameter("Missing required parameter Session");
        }
        String username = AwsJson.text(responses, "USERNAME");
        if (username == null || username.isEmpty()) {
            throw CognitoException.invalidParameter("Missing required parameter USERNAME");
        }
        String answer = AwsJson.text(responses, "ANSWER");
        if (answer == null) {
            throw CognitoException.invalidParameter("Missing required parameter ANSWER");
        }
        // A session string is good for one answer, as in Cognito: taking it out makes concurrent answers race fairly.
        AuthSession session = sessions.remove(sessionId);
        if (session == null) {
            throw CognitoException.notAuthorized("Invalid session for the user.");
        }
        if (clock.instant().isAfter(session.issuedAt.plus(SESSION_VALIDITY))) {
            throw CognitoException.notAuthorized("Invalid session for the user, session is expired.");
        }
        if (!session.clientId.equals(clientId) || !sameUser(session, username)) {
            throw CognitoException.notAuthorized(INCORRECT);
        }

        ObjectNode verifyRequest = challengeRequest(session, clientMetadata, r -> {
            r.set("privateChallengeParameters", session.privateParameters.deepCopy());
            r.put("challengeAnswer", answer);
        });
        ObjectNode verifyResponse = Json.object();
        verifyResponse.putNull("answerCorrect");
        JsonNode verified = run(Triggers.VERIFY_AUTH_CHALLENGE_RESPONSE, "VerifyAuthChallengeResponse_Authentication", session,
                verifyRequest, verifyResponse, caller)
                .orElseThrow(() -> new CognitoException("InvalidLambdaResponseException",
                        "The user pool has no VerifyAuthChallengeResponse trigger."));
        boolean correct = verified.path("response").path("answerCorrect").asBoolean(false);
        session.history.add(new ChallengeResult(CUSTOM_CHALLENGE, correct, session.challengeMetadata));
        return nextStep(session, clientMetadata, caller);
    }

    /** Asks Define what comes next and answers with a challenge, tokens, or a refusal. */
    private ObjectNode nextStep(AuthSession session, Map<String, String> clientMetadata, UserPool.Caller caller) {
        ArrayNode history = Json.MAPPER.createArrayNode();
        for (ChallengeResult r : session.history) {
            ObjectNode entry = history.addObject();
            entry.put("challengeName", r.challengeName());
            entry.put("challengeResult", r.challengeResult());
            if (r.challengeMetadata() == null) {
                entry.putNull("challengeMetadata");
            } else {
                entry.put("challengeMetadata", r.challengeMetadata());
            }
        }
        ObjectNode defineRequest = challengeRequest(session, clientMetadata, r -> r.set("session", history));
        JsonNode answer = runCustomAuthTrigger(Triggers.DEFINE_AUTH_CHALLENGE, "DefineAuthChallenge_Authentication", session,
                defineRequest, caller, "challengeName", "issueTokens", "failAuthentication").path("response");
        if (answer.path("failAuthentication").asBoolean(false)) {
            throw CognitoException.notAuthorized(INCORRECT);
        }
        if (answer.path("issueTokens").asBoolean(false)) {
            if (session.userNotFound) {
                throw CognitoException.notAuthorized(INCORRECT);
            }
            PoolUser user = store.find(session.username).orElseThrow(() -> CognitoException.notAuthorized(INCORRECT));
            postAuthentication(session, user, clientMetadata, caller);
            ObjectNode result = Json.object();
            result.putObject("ChallengeParameters");
            result.set("AuthenticationResult", tokens.issueNewTokens(user, session.clientId));
            return result;
        }
        String challengeName = AwsJson.text(answer, "challengeName");
        if (!CUSTOM_CHALLENGE.equals(challengeName)) {
            throw new CognitoException("InvalidLambdaResponseException",
                    "Invalid challenge name " + challengeName + " returned by DefineAuthChallenge; this pool supports CUSTOM_CHALLENGE only.");
        }

        ObjectNode createRequest = challengeRequest(session, clientMetadata, r -> {
            r.put("challengeName", CUSTOM_CHALLENGE);
            r.set("session", history.deepCopy());
        });
        JsonNode challenge = runCustomAuthTrigger(Triggers.CREATE_AUTH_CHALLENGE, "CreateAuthChallenge_Authentication", session,
                createRequest, caller, "publicChallengeParameters", "privateChallengeParameters", "challengeMetadata")
                .path("response");
        session.privateParameters = challenge.path("privateChallengeParameters").isObject()
                ? (ObjectNode) challenge.path("privateChallengeParameters").deepCopy() : Json.object();
        session.challengeMetadata = AwsJson.text(challenge, "challengeMetadata");

        String sessionId = newSessionId();
        session.issuedAt = clock.instant();
        sessions.put(sessionId, session);
        purgeExpiredSessions();

        ObjectNode result = Json.object();
        result.put("ChallengeName", CUSTOM_CHALLENGE);
        result.put("Session", sessionId);
        ObjectNode parameters = result.putObject("ChallengeParameters");
        JsonNode publicParameters = challenge.path("publicChallengeParameters");
        if (publicParameters.isObject()) {
            publicParameters.fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
        }
        parameters.put("USERNAME", session.username);
        return result;
    }

    private void postAuthentication(AuthSession session, PoolUser user, Map<String, String> clientMetadata,
                                    UserPool.Caller caller) {
        ObjectNode request = Json.object();
        request.set("userAttributes", TriggerEvents.attributesWithStatus(user));
        request.put("newDeviceUsed", false);
        request.set("clientMetadata", Json.MAPPER.valueToTree(clientMetadata));
        run(Triggers.POST_AUTHENTICATION, "PostAuthentication_Authentication", session, request, Json.object(), caller);
    }

    /**
     * The request of a challenge trigger (Define, Create, Verify) in Cognito's order: the user's
     * attributes, the trigger's own members, then {@code clientMetadata} and {@code userNotFound}.
     */
    private ObjectNode challengeRequest(AuthSession session, Map<String, String> clientMetadata, Consumer<ObjectNode> own) {
        ObjectNode request = Json.object();
        request.set("userAttributes", userAttributes(session));
        own.accept(request);
        request.set("clientMetadata", Json.MAPPER.valueToTree(clientMetadata));
        request.put("userNotFound", session.userNotFound);
        return request;
    }

    /**
     * Runs Define or Create, whose response Cognito sends with its members null; a pool without
     * them cannot run CUSTOM_AUTH, and Cognito says so.
     */
    private JsonNode runCustomAuthTrigger(String name, String source, AuthSession session, ObjectNode request,
                                          UserPool.Caller caller, String... responseMembers) {
        ObjectNode response = Json.object();
        for (String member : responseMembers) {
            response.putNull(member);
        }
        return run(name, source, session, request, response, caller).orElseThrow(() -> CognitoException.invalidParameter(
                "Custom auth lambda trigger is not configured for the user pool."));
    }

    private Optional<JsonNode> run(String name, String source, AuthSession session, ObjectNode request,
                                   ObjectNode response, UserPool.Caller caller) {
        return triggers.run(name, source, session.username, session.clientId, request, response, caller);
    }

    private boolean sameUser(AuthSession session, String given) {
        if (session.userNotFound) {
            return session.username.equalsIgnoreCase(given.strip());
        }
        return store.find(given).map(u -> u.username.equals(session.username)).orElse(false);
    }

    private ObjectNode userAttributes(AuthSession session) {
        if (session.userNotFound) {
            return Json.object();
        }
        return store.find(session.username).map(TriggerEvents::attributesWithStatus).orElseGet(Json::object);
    }

    private void purgeExpiredSessions() {
        Instant oldest = clock.instant().minus(SESSION_VALIDITY).minus(Duration.ofMinutes(1));
        sessions.values().removeIf(s -> s.issuedAt.isBefore(oldest));
    }

    private String newSessionId() {
        byte[] bytes = new byte[96];
        random.nextBytes(bytes);
        return "AYAB" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    record ChallengeResult(String challengeName, boolean challengeResult, String challengeMetadata) {
    }

    /** One CUSTOM_AUTH sign-in in progress; reachable by exactly one session string at a time. */
    private static final class AuthSession {
        final String username;
        final boolean userNotFound;
        final String clientId;
        final List<ChallengeResult> history = new ArrayList<>();
        ObjectNode privateParameters = Json.object();
        String challengeMetadata;
        Instant issuedAt;

        AuthSession(String username, boolean userNotFound, String clientId, Instant issuedAt) {
            this.username = username;
            this.userNotFound = userNotFound;
            this.clientId = clientId;
            this.issuedAt = issuedAt;
        }
    }
}
