package com.example.signin.protocol;

/**
 * Names shared by the sign-in API, the triggers and the app: JSON fields, error codes and the
 * client-metadata key that carries the code verifier to the verify trigger.
 */
public final class SignInApi {

    /** Path of the sign-in endpoint below {@code apiUrl}. */
    public static final String SIGN_IN_PATH = "/signin";
    /** Largest request body the API reads; larger ones get 413. */
    public static final int MAX_BODY_BYTES = 4096;

    public static final String FIELD_EMAIL = "email";
    public static final String FIELD_CODE_CHALLENGE = "codeChallenge";
    public static final String FIELD_CODE_CHALLENGE_METHOD = "codeChallengeMethod";
    public static final String FIELD_LOCALE = "locale";
    public static final String FIELD_ERROR = "error";
    public static final String FIELD_MESSAGE = "message";

    public static final String ERROR_INVALID_EMAIL = "invalid_email";
    public static final String ERROR_INVALID_REQUEST = "invalid_request";
    public static final String ERROR_TOO_MANY_REQUESTS = "too_many_requests";
    public static final String ERROR_EMAIL_UNAVAILABLE = "email_unavailable";
    public static final String ERROR_PAYLOAD_TOO_LARGE = "payload_too_large";
    /** 405: any method but POST. */
    public static final String ERROR_METHOD_NOT_ALLOWED = "method_not_allowed";
    /** 503: a backend the API depends on (the link store, the user pool) failed; retry later. */
    public static final String ERROR_SERVICE_UNAVAILABLE = "service_unavailable";
    /** 500: an unexpected failure; never carries a stack trace. */
    public static final String ERROR_INTERNAL = "internal_error";

    /** ClientMetadata key of RespondToAuthChallenge that carries the code verifier. */
    public static final String CLIENT_METADATA_CODE_VERIFIER = "codeVerifier";

    private SignInApi() {
    }
}
