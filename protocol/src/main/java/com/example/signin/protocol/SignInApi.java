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
    /** Optional: the app's stable installation id, {@link #DEVICE_ID_LENGTH} base64url characters (16 random bytes). */
    public static final String FIELD_DEVICE_ID = "deviceId";
    /** 202: seconds the link works. */
    public static final String FIELD_EXPIRES_IN = "expiresIn";
    /** 202: seconds before this device may ask again. */
    public static final String FIELD_RETRY_AFTER = "retryAfter";
    /** Length of a {@code deviceId}: 16 bytes in base64url without padding. */
    public static final int DEVICE_ID_LENGTH = 22;
    /** What an older server's 202 without {@code expiresIn} means (DESIGN.md default). */
    public static final int DEFAULT_EXPIRES_IN_SECONDS = 900;
    /** What an older server's 202 without {@code retryAfter} means (DESIGN.md default). */
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 60;
    public static final String FIELD_ERROR = "error";
    public static final String FIELD_MESSAGE = "message";

    public static final String ERROR_INVALID_EMAIL = "invalid_email";
    public static final String ERROR_INVALID_REQUEST = "invalid_request";
    public static final String ERROR_TOO_MANY_REQUESTS = "too_many_requests";
    public static final String ERROR_EMAIL_UNAVAILABLE = "email_unavailable";
    public static final String ERROR_PAYLOAD_TOO_LARGE = "payload_too_large";
    /** 415: a body that is not declared {@code application/json}. */
    public static final String ERROR_UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
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

    /**
     * Whether {@code deviceId} is a canonical installation id: 22 base64url characters whose last
     * one carries no stray bits (so each id has exactly one spelling). Never throws.
     */
    public static boolean isWellFormedDeviceId(String deviceId) {
        return Secrets.isCanonicalBase64url(deviceId, DEVICE_ID_LENGTH, 16);
    }

    /** The body of every error answer: {@code {"error": ..., "message": ...}}. */
    public static String errorJson(String error, String message) {
        return "{\"" + FIELD_ERROR + "\":" + jsonString(error) + ",\"" + FIELD_MESSAGE + "\":" + jsonString(message) + "}";
    }

    /** The body of the 202 answer: {@code {"message": ..., "expiresIn": s, "retryAfter": s}}. */
    public static String acceptedJson(String message, long expiresInSeconds, long retryAfterSeconds) {
        return "{\"" + FIELD_MESSAGE + "\":" + jsonString(message) + ",\"" + FIELD_EXPIRES_IN + "\":" + expiresInSeconds
                + ",\"" + FIELD_RETRY_AFTER + "\":" + retryAfterSeconds + "}";
    }

    /** {@code value} as a JSON string literal, with {@code <>&} escaped so a body is never read as markup. */
    static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '<', '>', '&' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
