package com.example.signin.local.internal;

import com.example.signin.protocol.Secrets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cognito user pool with one public app client, email as the username attribute, and
 * {@code PreventUserExistenceErrors} on: the operations the project uses, with the CUSTOM_AUTH
 * state machine run as Cognito runs it and the triggers called with the event JSON Cognito sends.
 */
public final class UserPool {

    private static final Logger LOG = LoggerFactory.getLogger(UserPool.class);

    /** How long a CUSTOM_AUTH session string is good for (Cognito: 3 minutes). */
    public static final Duration SESSION_VALIDITY = Duration.ofMinutes(3);
    static final Duration TOKEN_VALIDITY = Duration.ofHours(1);
    static final Duration REFRESH_VALIDITY = Duration.ofDays(30);
    static final String CUSTOM_CHALLENGE = "CUSTOM_CHALLENGE";
    static final String INCORRECT = "Incorrect username or password.";

    private static final Pattern FILTER = Pattern.compile("\\s*([A-Za-z_:]+)\\s*(=|\\^=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");
    private static final List<String> FILTERABLE = List.of("username", "email", "phone_number", "name", "given_name",
            "family_name", "preferred_username", "cognito:user_status", "status", "sub");

    private final Object lock = new Object();
    private final PoolState state;
    private final Path stateFile;
    private final String region;
    private final Supplier<TokenSigner> signer;
    private final Clock clock;
    private final Triggers triggers;
    private final Supplier<String> issuer;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, AuthSession> sessions = new ConcurrentHashMap<>();

    public UserPool(PoolState state, Path stateFile, String region, Supplier<TokenSigner> signer, Clock clock,
                    Triggers triggers, Supplier<String> issuer) {
        this.state = Objects.requireNonNull(state, "state");
        this.stateFile = Objects.requireNonNull(stateFile, "stateFile");
        this.region = Objects.requireNonNull(region, "region");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.triggers = Objects.requireNonNull(triggers, "triggers");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    public String userPoolId() {
        return state.userPoolId;
    }

    public String clientId() {
        return state.clientId;
    }

    /** Who called: what Cognito puts in a trigger's {@code callerContext}. */
    public record Caller(String awsSdkVersion) {
    }

    // ---------------------------------------------------------------- InitiateAuth

    public ObjectNode initiateAuth(JsonNode request, Caller caller) {
        String clientId = requireClient(request);
        String flow = requireText(request, "AuthFlow");
        JsonNode parameters = request.path("AuthParameters");
        Map<String, String> clientMetadata = stringMap(request.path("ClientMetadata"));
        switch (flow) {
            case "CUSTOM_AUTH":
                return startCustomAuth(clientId, parameters, clientMetadata, caller);
            case "REFRESH_TOKEN_AUTH":
            case "REFRESH_TOKEN":
                return refresh(clientId, parameters);
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

    private ObjectNode startCustomAuth(String clientId, JsonNode parameters, Map<String, String> clientMetadata,
                                       Caller caller) {
        String given = text(parameters, "USERNAME");
        if (given == null || given.isEmpty()) {
            throw CognitoException.invalidParameter("Missing required parameter USERNAME");
        }
        Optional<PoolState.User> found = findUser(given);
        if (found.isPresent()) {
            PoolState.User user = found.get();
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

    // ---------------------------------------------------------------- RespondToAuthChallenge

    public ObjectNode respondToAuthChallenge(JsonNode request, Caller caller) {
        String clientId = requireClient(request);
        String challengeName = requireText(request, "ChallengeName");
        String sessionId = text(request, "Session");
        JsonNode responses = request.path("ChallengeResponses");
        Map<String, String> clientMetadata = stringMap(request.path("ClientMetadata"));
        if (!CUSTOM_CHALLENGE.equals(challengeName)) {
            throw CognitoException.invalidParameter("Invalid challenge name " + challengeName + " for this flow.");
        }
        if (sessionId == null || sessionId.isEmpty()) {
            throw CognitoException.invalidParameter("Missing required parameter Session");
        }
        String username = text(responses, "USERNAME");
        if (username == null || username.isEmpty()) {
            throw CognitoException.invalidParameter("Missing required parameter USERNAME");
        }
        String answer = text(responses, "ANSWER");
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

        ObjectNode verifyRequest = Json.object();
        verifyRequest.set("userAttributes", userAttributes(session));
        verifyRequest.set("privateChallengeParameters", session.privateParameters.deepCopy());
        verifyRequest.put("challengeAnswer", answer);
        verifyRequest.set("clientMetadata", Json.MAPPER.valueToTree(clientMetadata));
        verifyRequest.put("userNotFound", session.userNotFound);
        ObjectNode verifyResponse = Json.object();
        verifyResponse.putNull("answerCorrect");
        JsonNode verified = runTrigger(Triggers.VERIFY_AUTH_CHALLENGE_RESPONSE,
                "VerifyAuthChallengeResponse_Authentication", session, verifyRequest, verifyResponse, caller)
                .orElseThrow(() -> new CognitoException("InvalidLambdaResponseException",
                        "The user pool has no VerifyAuthChallengeResponse trigger."));
        boolean correct = verified.path("response").path("answerCorrect").asBoolean(false);
        session.history.add(new ChallengeResult(CUSTOM_CHALLENGE, correct, session.challengeMetadata));
        return nextStep(session, clientMetadata, caller);
    }

    /** Asks Define what comes next and answers with a challenge, tokens, or a refusal. */
    private ObjectNode nextStep(AuthSession session, Map<String, String> clientMetadata, Caller caller) {
        ObjectNode defineRequest = Json.object();
        defineRequest.set("userAttributes", userAttributes(session));
        ArrayNode history = defineRequest.putArray("session");
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
        defineRequest.set("clientMetadata", Json.MAPPER.valueToTree(clientMetadata));
        defineRequest.put("userNotFound", session.userNotFound);
        ObjectNode defineResponse = Json.object();
        defineResponse.putNull("challengeName");
        defineResponse.putNull("issueTokens");
        defineResponse.putNull("failAuthentication");
        JsonNode defined = runTrigger(Triggers.DEFINE_AUTH_CHALLENGE, "DefineAuthChallenge_Authentication", session,
                defineRequest, defineResponse, caller)
                .orElseThrow(() -> CognitoException.invalidParameter("Custom auth lambda trigger is not configured for the user pool."));
        JsonNode answer = defined.path("response");
        if (answer.path("failAuthentication").asBoolean(false)) {
            throw CognitoException.notAuthorized(INCORRECT);
        }
        if (answer.path("issueTokens").asBoolean(false)) {
            if (session.userNotFound) {
                throw CognitoException.notAuthorized(INCORRECT);
            }
            PoolState.User user = findUser(session.username).orElseThrow(() -> CognitoException.notAuthorized(INCORRECT));
            postAuthentication(session, user, clientMetadata, caller);
            ObjectNode result = Json.object();
            result.putObject("ChallengeParameters");
            result.set("AuthenticationResult", issueNewTokens(user, session.clientId));
            return result;
        }
        String challengeName = text(answer, "challengeName");
        if (!CUSTOM_CHALLENGE.equals(challengeName)) {
            throw new CognitoException("InvalidLambdaResponseException",
                    "Invalid challenge name " + challengeName + " returned by DefineAuthChallenge; this pool supports CUSTOM_CHALLENGE only.");
        }

        ObjectNode createRequest = Json.object();
        createRequest.set("userAttributes", userAttributes(session));
        createRequest.put("challengeName", CUSTOM_CHALLENGE);
        createRequest.set("session", history.deepCopy());
        createRequest.set("clientMetadata", Json.MAPPER.valueToTree(clientMetadata));
        createRequest.put("userNotFound", session.userNotFound);
        ObjectNode createResponse = Json.object();
        createResponse.putNull("publicChallengeParameters");
        createResponse.putNull("privateChallengeParameters");
        createResponse.putNull("challengeMetadata");
        JsonNode created = runTrigger(Triggers.CREATE_AUTH_CHALLENGE, "CreateAuthChallenge_Authentication", session,
                createRequest, createResponse, caller)
                .orElseThrow(() -> CognitoException.invalidParameter("Custom auth lambda trigger is not configured for the user pool."));
        JsonNode challenge = created.path("response");
        session.privateParameters = challenge.path("privateChallengeParameters").isObject()
                ? (ObjectNode) challenge.path("privateChallengeParameters").deepCopy() : Json.object();
        session.challengeMetadata = text(challenge, "challengeMetadata");

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

    private void postAuthentication(AuthSession session, PoolState.User user, Map<String, String> clientMetadata,
                                    Caller caller) {
        ObjectNode request = Json.object();
        request.set("userAttributes", attributesWithStatus(user));
        request.put("newDeviceUsed", false);
        request.set("clientMetadata", Json.MAPPER.valueToTree(clientMetadata));
        runTrigger(Triggers.POST_AUTHENTICATION, "PostAuthentication_Authentication", session, request, Json.object(),
                caller);
    }

    private Optional<JsonNode> runTrigger(String name, String source, AuthSession session, ObjectNode request,
                                          ObjectNode response, Caller caller) {
        return runTrigger(name, source, session.username, session.clientId, request, response, caller);
    }

    private Optional<JsonNode> runTrigger(String name, String source, String userName, String clientId,
                                          ObjectNode request, ObjectNode response, Caller caller) {
        ObjectNode event = Json.object();
        event.put("version", "1");
        event.put("triggerSource", source);
        event.put("region", region);
        event.put("userPoolId", state.userPoolId);
        event.put("userName", userName);
        ObjectNode callerContext = event.putObject("callerContext");
        callerContext.put("awsSdkVersion", caller.awsSdkVersion());
        callerContext.put("clientId", clientId);
        event.set("request", request);
        event.set("response", response);
        try {
            return triggers.run(name, event);
        } catch (LambdaFunction.FunctionError e) {
            throw new CognitoException("UserLambdaValidationException", name + " failed with error " + e.getMessage() + ".");
        } catch (CognitoException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("The {} trigger could not run", name, e);
            throw new CognitoException("UnexpectedLambdaException", name + " invocation failed due to error "
                    + e.getClass().getSimpleName() + ".");
        }
    }

    // ---------------------------------------------------------------- tokens

    private ObjectNode refresh(String clientId, JsonNode parameters) {
        String token = text(parameters, "REFRESH_TOKEN");
        if (token == null || token.isEmpty()) {
            throw CognitoException.invalidParameter("Missing required parameter REFRESH_TOKEN");
        }
        String hash = sha256(token);
        PoolState.User user;
        PoolState.RefreshToken record;
        synchronized (lock) {
            record = state.refreshTokens.stream().filter(r -> r.hash.equals(hash)).findFirst()
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
            user = findUser(record.username).orElseThrow(CognitoException::userNotFound);
            if (!user.enabled) {
                throw CognitoException.notAuthorized("User is disabled.");
            }
        }
        ObjectNode result = Json.object();
        result.putObject("ChallengeParameters");
        ObjectNode tokens = result.putObject("AuthenticationResult");
        mintJwts(tokens, user, clientId, record.originJti, Instant.ofEpochSecond(record.authTimeEpochSeconds));
        return result;
    }

    private ObjectNode issueNewTokens(PoolState.User user, String clientId) {
        Instant now = clock.instant();
        String refreshToken = newRefreshToken();
        PoolState.RefreshToken record = new PoolState.RefreshToken();
        record.hash = sha256(refreshToken);
        record.username = user.username;
        record.clientId = clientId;
        record.originJti = UUID.randomUUID().toString();
        record.authTimeEpochSeconds = now.getEpochSecond();
        record.expiresEpochSeconds = now.plus(REFRESH_VALIDITY).getEpochSecond();
        synchronized (lock) {
            state.refreshTokens.removeIf(r -> r.expiresEpochSeconds <= now.getEpochSecond());
            state.refreshTokens.add(record);
            persist();
        }
        ObjectNode tokens = Json.object();
        mintJwts(tokens, user, clientId, record.originJti, now);
        tokens.put("RefreshToken", refreshToken);
        return tokens;
    }

    private void mintJwts(ObjectNode into, PoolState.User user, String clientId, String originJti, Instant authTime) {
        Instant now = clock.instant();
        Date iat = Date.from(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        Date exp = Date.from(now.plus(TOKEN_VALIDITY).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        String eventId = UUID.randomUUID().toString();
        String sub = user.attributes.get("sub");
        Date authDate = Date.from(authTime.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        JWTClaimsSet.Builder id = new JWTClaimsSet.Builder()
                .subject(sub)
                .claim("email_verified", "true".equals(user.attributes.get("email_verified")))
                .issuer(issuer.get())
                .claim("cognito:username", user.username)
                .claim("origin_jti", originJti)
                .audience(clientId)
                .claim("event_id", eventId)
                .claim("token_use", "id")
                .claim("auth_time", authDate.getTime() / 1000)
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
                .claim("auth_time", authDate.getTime() / 1000)
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
    private PoolState.User userOfAccessToken(String accessToken) {
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
        synchronized (lock) {
            boolean revoked = state.refreshTokens.stream()
                    .noneMatch(r -> r.originJti.equals(originJti) && !r.revoked);
            if (revoked) {
                throw CognitoException.notAuthorized("Access Token has been revoked");
            }
            Object username = claims.getClaim("username");
            return findUser(username == null ? "" : username.toString())
                    .orElseThrow(CognitoException::userNotFound);
        }
    }

    public ObjectNode getUser(JsonNode request) {
        PoolState.User user = userOfAccessToken(text(request, "AccessToken"));
        ObjectNode result = Json.object();
        synchronized (lock) {
            result.put("Username", user.username);
            result.set("UserAttributes", attributeList(user, null));
        }
        return result;
    }

    public ObjectNode globalSignOut(JsonNode request) {
        PoolState.User user = userOfAccessToken(text(request, "AccessToken"));
        synchronized (lock) {
            state.refreshTokens.stream().filter(r -> r.username.equals(user.username)).forEach(r -> r.revoked = true);
            persist();
        }
        return Json.object();
    }

    public ObjectNode revokeToken(JsonNode request) {
        String token = text(request, "Token");
        if (token == null || token.isEmpty()) {
            throw CognitoException.missing("token");
        }
        String clientId = requireClient(request);
        if (token.chars().filter(c -> c == '.').count() == 2) {
            throw new CognitoException("UnsupportedTokenTypeException", "Only refresh tokens can be revoked.");
        }
        String hash = sha256(token);
        synchronized (lock) {
            for (PoolState.RefreshToken r : state.refreshTokens) {
                if (r.hash.equals(hash)) {
                    if (!r.clientId.equals(clientId)) {
                        throw CognitoException.notAuthorized("Invalid Refresh Token");
                    }
                    r.revoked = true;
                    persist();
                }
            }
        }
        // Cognito answers success for a token it does not know, so revocation cannot be used to probe tokens.
        return Json.object();
    }

    // ---------------------------------------------------------------- users

    public ObjectNode signUp(JsonNode request, Caller caller) {
        String clientId = requireClient(request);
        String username = requireText(request, "Username");
        String password = requireText(request, "Password");
        Map<String, String> attributes = attributeMap(request.path("UserAttributes"));
        String email = emailUsername(username);
        checkPassword(password);
        attributes.put("email", email);
        PoolState.User user = create(email, attributes, "UNCONFIRMED", "PreSignUp_SignUp", clientId,
                stringMap(request.path("ClientMetadata")), stringMap(request.path("ValidationData")), caller);
        ObjectNode result = Json.object();
        result.put("UserConfirmed", "CONFIRMED".equals(user.status));
        result.put("UserSub", user.attributes.get("sub"));
        return result;
    }

    public ObjectNode adminCreateUser(JsonNode request, Caller caller) {
        requirePool(request);
        String username = requireText(request, "Username");
        Map<String, String> attributes = attributeMap(request.path("UserAttributes"));
        String email = emailUsername(username);
        String action = text(request, "MessageAction");
        if (action != null && !action.equals("SUPPRESS") && !action.equals("RESEND")) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + action
                    + "' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]");
        }
        if ("RESEND".equals(action)) {
            PoolState.User existing = findUser(email).orElseThrow(CognitoException::userNotFound);
            return userResult("User", existing);
        }
        attributes.put("email", email);
        PoolState.User user = create(email, attributes, "FORCE_CHANGE_PASSWORD", "PreSignUp_AdminCreateUser", "CLIENT_ID_NOT_APPLICABLE",
                stringMap(request.path("ClientMetadata")), stringMap(request.path("ValidationData")), caller);
        return userResult("User", user);
    }

    private PoolState.User create(String email, Map<String, String> attributes, String status, String triggerSource,
                                  String clientId, Map<String, String> clientMetadata, Map<String, String> validationData,
                                  Caller caller) {
        if (findUser(email).isPresent()) {
            throw new CognitoException("UsernameExistsException", "An account with the given email already exists.");
        }
        String sub = UUID.randomUUID().toString();
        ObjectNode request = Json.object();
        Map<String, String> eventAttributes = new LinkedHashMap<>(attributes);
        request.set("userAttributes", Json.MAPPER.valueToTree(eventAttributes));
        request.set("validationData", validationData.isEmpty() ? Json.MAPPER.nullNode() : Json.MAPPER.valueToTree(validationData));
        request.set("clientMetadata", Json.MAPPER.valueToTree(clientMetadata));
        ObjectNode response = Json.object();
        response.put("autoConfirmUser", false);
        response.put("autoVerifyEmail", false);
        response.put("autoVerifyPhone", false);
        Optional<JsonNode> answered = runTrigger(Triggers.PRE_SIGN_UP, triggerSource, sub, clientId, request, response, caller);
        boolean autoConfirm = answered.map(a -> a.path("response").path("autoConfirmUser").asBoolean(false)).orElse(false);
        boolean autoVerify = answered.map(a -> a.path("response").path("autoVerifyEmail").asBoolean(false)).orElse(false);

        PoolState.User user = new PoolState.User();
        user.username = sub;
        user.attributes.put("sub", sub);
        user.attributes.putAll(attributes);
        user.attributes.put("sub", sub);
        user.attributes.putIfAbsent("email_verified", "false");
        if (autoVerify) {
            user.attributes.put("email_verified", "true");
        }
        user.status = autoConfirm && status.equals("UNCONFIRMED") ? "CONFIRMED" : status;
        user.createdEpochMillis = clock.millis();
        user.modifiedEpochMillis = user.createdEpochMillis;
        synchronized (lock) {
            if (findUser(email).isPresent()) {
                throw new CognitoException("UsernameExistsException", "An account with the given email already exists.");
            }
            state.users.add(user);
            persist();
        }
        LOG.info("User created: {}", email);
        return user;
    }

    public ObjectNode adminGetUser(JsonNode request) {
        requirePool(request);
        PoolState.User user = findUser(requireText(request, "Username")).orElseThrow(CognitoException::userNotFound);
        synchronized (lock) {
            ObjectNode result = Json.object();
            result.put("Username", user.username);
            result.set("UserAttributes", attributeList(user, null));
            result.put("UserCreateDate", user.createdEpochMillis / 1000.0);
            result.put("UserLastModifiedDate", user.modifiedEpochMillis / 1000.0);
            result.put("Enabled", user.enabled);
            result.put("UserStatus", user.status);
            return result;
        }
    }

    public ObjectNode adminSetUserPassword(JsonNode request) {
        requirePool(request);
        String username = requireText(request, "Username");
        String password = requireText(request, "Password");
        checkPassword(password);
        boolean permanent = request.path("Permanent").asBoolean(false);
        synchronized (lock) {
            PoolState.User user = findUser(username).orElseThrow(CognitoException::userNotFound);
            // No password flow is enabled on the client, so the password itself is never kept.
            user.status = permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD";
            user.modifiedEpochMillis = clock.millis();
            persist();
        }
        return Json.object();
    }

    public ObjectNode adminUpdateUserAttributes(JsonNode request) {
        requirePool(request);
        String username = requireText(request, "Username");
        if (!request.path("UserAttributes").isArray()) {
            throw CognitoException.missing("userAttributes");
        }
        Map<String, String> updates = attributeMap(request.path("UserAttributes"));
        if (updates.containsKey("sub")) {
            throw CognitoException.invalidParameter("Cannot modify an immutable attribute: sub");
        }
        synchronized (lock) {
            PoolState.User user = findUser(username).orElseThrow(CognitoException::userNotFound);
            if (updates.containsKey("email")) {
                String email = emailUsername(updates.get("email"));
                Optional<PoolState.User> other = findUser(email);
                if (other.isPresent() && other.get() != user) {
                    throw new CognitoException("AliasExistsException", "An account with the given email already exists.");
                }
                updates.put("email", email);
                if (!email.equals(user.email())) {
                    user.attributes.put("email_verified", "false");
                }
            }
            if (updates.containsKey("email_verified") && !List.of("true", "false").contains(updates.get("email_verified"))) {
                throw CognitoException.invalidParameter("Invalid value for email_verified: it must be true or false.");
            }
            user.attributes.putAll(updates);
            user.modifiedEpochMillis = clock.millis();
            persist();
        }
        return Json.object();
    }

    public ObjectNode listUsers(JsonNode request) {
        requirePool(request);
        String filter = text(request, "Filter");
        int limit = request.path("Limit").asInt(60);
        if (limit < 0 || limit > 60) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60");
        }
        if (limit == 0) {
            limit = 60;
        }
        String attribute = null;
        boolean prefix = false;
        String value = null;
        if (filter != null && !filter.isBlank()) {
            Matcher m = FILTER.matcher(filter);
            if (!m.matches()) {
                throw CognitoException.invalidParameter("Error while parsing filter.");
            }
            attribute = m.group(1);
            if (!FILTERABLE.contains(attribute)) {
                throw CognitoException.invalidParameter("Invalid search attribute: " + attribute);
            }
            prefix = m.group(2).equals("^=");
            value = m.group(3).replaceAll("\\\\(.)", "$1");
        }
        List<String> wanted = null;
        if (request.path("AttributesToGet").isArray()) {
            wanted = new ArrayList<>();
            for (JsonNode n : request.path("AttributesToGet")) {
                wanted.add(n.asText());
            }
        }
        ObjectNode result = Json.object();
        ArrayNode users = result.putArray("Users");
        synchronized (lock) {
            for (PoolState.User user : state.users) {
                if (users.size() >= limit) {
                    break;
                }
                if (attribute != null) {
                    String actual = switch (attribute) {
                        case "username" -> user.username;
                        case "cognito:user_status", "status" -> user.status;
                        default -> user.attributes.get(attribute);
                    };
                    boolean caseless = attribute.equals("email") || attribute.equals("username");
                    String a = actual == null ? null : caseless ? actual.toLowerCase(Locale.ROOT) : actual;
                    String v = caseless ? value.toLowerCase(Locale.ROOT) : value;
                    if (a == null || (prefix ? !a.startsWith(v) : !a.equals(v))) {
                        continue;
                    }
                }
                ObjectNode u = users.addObject();
                u.put("Username", user.username);
                u.set("Attributes", attributeList(user, wanted));
                u.put("UserCreateDate", user.createdEpochMillis / 1000.0);
                u.put("UserLastModifiedDate", user.modifiedEpochMillis / 1000.0);
                u.put("Enabled", user.enabled);
                u.put("UserStatus", user.status);
            }
        }
        return result;
    }

    private ObjectNode userResult(String field, PoolState.User user) {
        ObjectNode result = Json.object();
        ObjectNode u = result.putObject(field);
        synchronized (lock) {
            u.put("Username", user.username);
            u.set("Attributes", attributeList(user, null));
            u.put("UserCreateDate", user.createdEpochMillis / 1000.0);
            u.put("UserLastModifiedDate", user.modifiedEpochMillis / 1000.0);
            u.put("Enabled", user.enabled);
            u.put("UserStatus", user.status);
        }
        return result;
    }

    // ---------------------------------------------------------------- helpers

    /** A user by username, sub, or email alias (case-insensitive). */
    Optional<PoolState.User> findUser(String given) {
        if (given == null) {
            return Optional.empty();
        }
        String wanted = given.strip();
        synchronized (lock) {
            for (PoolState.User u : state.users) {
                if (u.username.equals(wanted) || (u.email() != null && u.email().equalsIgnoreCase(wanted))) {
                    return Optional.of(u);
                }
            }
        }
        return Optional.empty();
    }

    private boolean sameUser(AuthSession session, String given) {
        if (session.userNotFound) {
            return session.username.equalsIgnoreCase(given.strip());
        }
        return findUser(given).map(u -> u.username.equals(session.username)).orElse(false);
    }

    private ObjectNode userAttributes(AuthSession session) {
        if (session.userNotFound) {
            return Json.object();
        }
        return findUser(session.username).map(this::attributesWithStatus).orElseGet(Json::object);
    }

    private ObjectNode attributesWithStatus(PoolState.User user) {
        ObjectNode attributes = Json.object();
        synchronized (lock) {
            user.attributes.forEach(attributes::put);
            attributes.put("cognito:user_status", user.status);
        }
        return attributes;
    }

    private static ArrayNode attributeList(PoolState.User user, List<String> wanted) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        user.attributes.forEach((name, value) -> {
            if (wanted == null || wanted.contains(name)) {
                ObjectNode a = list.addObject();
                a.put("Name", name);
                a.put("Value", value);
            }
        });
        return list;
    }

    private static Map<String, String> attributeMap(JsonNode list) {
        Map<String, String> map = new LinkedHashMap<>();
        if (list == null || list.isMissingNode() || list.isNull()) {
            return map;
        }
        if (!list.isArray()) {
            throw CognitoException.invalidParameter("UserAttributes must be a list of {Name, Value}.");
        }
        for (JsonNode a : list) {
            String name = text(a, "Name");
            if (name == null || name.isEmpty()) {
                throw CognitoException.invalidParameter("Every user attribute needs a Name.");
            }
            if (name.startsWith("cognito:")) {
                throw CognitoException.invalidParameter("Cannot modify the non-mutable attribute " + name + ".");
            }
            map.put(name, a.path("Value").asText(""));
        }
        return map;
    }

    private static String emailUsername(String given) {
        String email = given.strip().toLowerCase(Locale.ROOT);
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || email.length() > 254) {
            throw CognitoException.invalidParameter("Username should be an email.");
        }
        return email;
    }

    private static void checkPassword(String password) {
        if (password.length() < 8) {
            throw new CognitoException("InvalidPasswordException",
                    "Password did not conform with policy: Password not long enough");
        }
    }

    private String requireClient(JsonNode request) {
        String clientId = requireText(request, "ClientId");
        if (!clientId.equals(state.clientId)) {
            throw new CognitoException("ResourceNotFoundException", "User pool client " + clientId + " does not exist.");
        }
        return clientId;
    }

    private void requirePool(JsonNode request) {
        String poolId = requireText(request, "UserPoolId");
        if (!poolId.equals(state.userPoolId)) {
            throw new CognitoException("ResourceNotFoundException", "User pool " + poolId + " does not exist.");
        }
    }

    private static String requireText(JsonNode request, String member) {
        String value = text(request, member);
        if (value == null) {
            throw CognitoException.missing(Character.toLowerCase(member.charAt(0)) + member.substring(1));
        }
        return value;
    }

    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw CognitoException.invalidParameter("Member " + field + " must be a string.");
        }
        return value.asText();
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            return map;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            map.put(e.getKey(), e.getValue().asText());
        }
        return map;
    }

    /** Saves the pool now (its first save happens just after the backend is ready). */
    public void persistNow() {
        synchronized (lock) {
            try {
                persist();
            } catch (UncheckedIOException e) {
                LOG.error("The user pool could not be saved", e);
            }
        }
    }

    private void persist() {
        try {
            state.save(stateFile);
        } catch (IOException e) {
            throw new UncheckedIOException("The user pool could not be saved to " + stateFile, e);
        }
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

    private String newRefreshToken() {
        // Five dot-separated parts like Cognito's (a JWE), but opaque: only its hash is kept.
        return "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ." + Secrets.generate(random) + "."
                + Secrets.generate(random) + "." + Secrets.generate(random) + "." + Secrets.generate(random);
    }

    static String sha256(String value) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
