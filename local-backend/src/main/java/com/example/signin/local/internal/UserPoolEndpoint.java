package com.example.signin.local.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS JSON 1.1 face of the {@link UserPool}: {@code POST /} with
 * {@code X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>}. Every failure is answered
 * in Cognito's error shape ({@code {"__type": ..., "message": ...}}), never with a stack trace.
 */
public final class UserPoolEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(UserPoolEndpoint.class);

    public static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    /** Larger request bodies are refused before they are parsed. */
    public static final int MAX_BODY_BYTES = 128 * 1024;

    private final Map<String, BiFunction<JsonNode, UserPool.Caller, ObjectNode>> operations;

    public UserPoolEndpoint(UserPool pool) {
        CustomAuthFlow auth = pool.auth();
        TokenIssuer tokens = pool.tokens();
        UserAdmin admin = pool.admin();
        this.operations = Map.ofEntries(
                Map.entry("InitiateAuth", auth::initiateAuth),
                Map.entry("RespondToAuthChallenge", auth::respondToAuthChallenge),
                Map.entry("GetUser", (r, c) -> tokens.getUser(r)),
                Map.entry("GlobalSignOut", (r, c) -> tokens.globalSignOut(r)),
                Map.entry("RevokeToken", (r, c) -> tokens.revokeToken(r, pool.ids())),
                Map.entry("SignUp", admin::signUp),
                Map.entry("AdminCreateUser", admin::adminCreateUser),
                Map.entry("AdminGetUser", (r, c) -> admin.adminGetUser(r)),
                Map.entry("AdminSetUserPassword", (r, c) -> admin.adminSetUserPassword(r)),
                Map.entry("AdminUpdateUserAttributes", (r, c) -> admin.adminUpdateUserAttributes(r)),
                Map.entry("ListUsers", (r, c) -> admin.listUsers(r)));
    }

    /** An answer: HTTP status and JSON body; {@code errorType} is set for errors. */
    public record Answer(int status, String body, String errorType) {
    }

    /**
     * Answers one request.
     *
     * @param target    the {@code X-Amz-Target} header, or null
     * @param body      the request body, at most {@link #MAX_BODY_BYTES} (longer: pass {@code null})
     * @param userAgent the {@code User-Agent} header, or null
     */
    public Answer handle(String target, byte[] body, String userAgent) {
        try {
            if (body == null) {
                throw new CognitoException("RequestEntityTooLargeException",
                        "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB.", 413);
            }
            if (target == null || !target.startsWith(TARGET_PREFIX)) {
                throw new CognitoException("UnknownOperationException",
                        "Missing or unknown X-Amz-Target header; expected " + TARGET_PREFIX + "<Operation>.");
            }
            String operation = target.substring(TARGET_PREFIX.length());
            BiFunction<JsonNode, UserPool.Caller, ObjectNode> op = operations.get(operation);
            if (op == null) {
                throw new CognitoException("UnknownOperationException",
                        "The operation " + operation + " is not supported by the local user pool.");
            }
            JsonNode request = parse(body);
            ObjectNode result = op.apply(request, new UserPool.Caller(sdkVersion(userAgent)));
            return new Answer(200, Json.MAPPER.writeValueAsString(result), null);
        } catch (CognitoException e) {
            return error(e.status(), e.type(), e.getMessage());
        } catch (UncheckedIOException e) {
            LOG.error("The user pool could not save its state", e);
            return error(500, "InternalErrorException", "The local user pool could not save its data folder: "
                    + e.getCause().getMessage());
        } catch (RuntimeException | JsonProcessingException e) {
            LOG.error("Unexpected failure in the user pool endpoint", e);
            return error(500, "InternalErrorException", "Internal error in the local user pool; see its log.");
        }
    }

    /**
     * Reads and writes one request and one error as {@link #handle} does, so that Jackson's classes are
     * loaded and initialised: the start does it while the store opens on another thread, instead of
     * the first caller waiting for it (about 50 ms of class loading, more on a busy machine).
     */
    public static void loadClasses() {
        parse("{\"AuthFlow\":\"CUSTOM_AUTH\",\"AuthParameters\":{\"USERNAME\":\"x\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        error(400, "ResourceNotFoundException", "none").body();
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return Json.object();
        }
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new CognitoException("SerializationException", "The request body is not valid JSON.");
        }
        if (request == null || !request.isObject()) {
            throw new CognitoException("SerializationException", "The request body must be a JSON object.");
        }
        return request;
    }

    static Answer error(int status, String type, String message) {
        ObjectNode error = Json.object();
        error.put("__type", type);
        error.put("message", message);
        return new Answer(status, error.toString(), type);
    }

    /** What Cognito puts in {@code callerContext.awsSdkVersion}, from the caller's User-Agent. */
    static String sdkVersion(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "aws-sdk-unknown-unknown";
        }
        String first = userAgent.strip().split("\\s+")[0].replace('/', '-');
        String clean = first.replaceAll("[^A-Za-z0-9._-]", "");
        if (clean.isEmpty()) {
            return "aws-sdk-unknown-unknown";
        }
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }
}
