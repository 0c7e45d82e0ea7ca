package com.example.signin.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET {apiUrl}/me}: who the bearer of an access token is. Names shared by the function
 * that answers it, the CDK stack's authorizer and gateway responses, the local backend's route
 * and the app. Errors use the sign-in API's one shape ({@link SignInApi#errorJson}).
 */
public final class MeApi {

    /** Path below {@code apiUrl}. */
    public static final String PATH = "/me";
    /**
     * The one OAuth scope Cognito puts into every access token its API issues (and into no ID
     * token): requiring it lets only access tokens through.
     */
    public static final String ACCESS_TOKEN_SCOPE = "aws.cognito.signin.user.admin";

    public static final String FIELD_EMAIL = "email";
    public static final String FIELD_SUB = "sub";

    /** 401: no access token, or one that is not (or no longer) valid for this pool and client. */
    public static final String ERROR_INVALID_TOKEN = "invalid_token";
    public static final String UNAUTHORIZED_MESSAGE =
            "Sign in again: this request needs a valid access token (Authorization: Bearer <access token>).";
    /** RFC 6750's challenge, sent with every 401 of this route. */
    public static final String WWW_AUTHENTICATE = "Bearer error=\"invalid_token\"";

    /** Longer is no Cognito token (API Gateway itself refuses headers over 10 KiB). */
    static final int MAX_TOKEN_LENGTH = 16_384;
    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private MeApi() {
    }

    /** The 200 body: {@code {"email": ..., "sub": ...}}; {@code email} is JSON null for an account without one. */
    public static String userJson(String email, String sub) {
        return "{\"" + FIELD_EMAIL + "\":" + (email == null ? "null" : SignInApi.jsonString(email)) + ",\"" + FIELD_SUB + "\":"
                + SignInApi.jsonString(sub) + "}";
    }

    /** The body of every 401 of this route, in AWS (gateway and function) and locally. */
    public static String unauthorizedJson() {
        return SignInApi.errorJson(ERROR_INVALID_TOKEN, UNAUTHORIZED_MESSAGE);
    }

    /**
     * The token of an {@code Authorization} header: {@code Bearer <token>} (scheme in any case) or,
     * as API Gateway's Cognito authorizer also accepts, the bare token; empty for anything else.
     */
    public static Optional<String> bearerToken(String authorization) {
        if (authorization == null || authorization.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).strip();
        }
        // A JWT is three base64url parts; anything with other characters (spaces, a second scheme) is no token.
        return JWT.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }
}
