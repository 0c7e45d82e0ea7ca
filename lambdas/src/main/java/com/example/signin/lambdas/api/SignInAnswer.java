package com.example.signin.lambdas.api;

import com.example.signin.lambdas.service.SignInResult;
import com.example.signin.protocol.SignInApi;

import java.util.Map;

/**
 * One answer of {@code POST /signin}: status, the headers beyond the common ones, and the JSON
 * body. Every answer the API gives is made here, so its sentences and shapes exist once.
 *
 * @param status       HTTP status
 * @param extraHeaders headers of this answer only ({@code Allow}, {@code Retry-After})
 * @param body         the JSON body, empty for a CORS preflight
 */
public record SignInAnswer(int status, Map<String, String> extraHeaders, String body) {

    public static final String ACCEPTED_MESSAGE =
            "If this address can sign in, a sign-in link is on its way. Open it on this computer.";
    static final String BODY_SHAPE = "The request body must be a JSON object like {\"email\": \"alice@example.com\", "
            + "\"codeChallenge\": \"...\", \"codeChallengeMethod\": \"S256\", \"locale\": \"en\", \"deviceId\": \"...\"}.";

    public SignInAnswer {
        extraHeaders = Map.copyOf(extraHeaders);
    }

    /** The answer of the sign-in service's result. */
    public static SignInAnswer of(SignInResult result) {
        if (result instanceof SignInResult.Accepted accepted) {
            return new SignInAnswer(202, Map.of(), SignInApi.acceptedJson(ACCEPTED_MESSAGE,
                    accepted.expiresIn().toSeconds(), accepted.retryAfter().toSeconds()));
        }
        if (result instanceof SignInResult.Invalid invalid) {
            return error(400, invalid.error(), invalid.message());
        }
        SignInResult.TooManyRequests tooMany = (SignInResult.TooManyRequests) result;
        long seconds = Math.max(1, tooMany.retryAfter().toSeconds());
        String message = tooMany.budgetSpent()
                ? "This address has been sent as many sign-in links as it may get for now. Try again in "
                        + minutes(seconds) + "."
                : "A link was asked for this address from this computer moments ago. Wait " + seconds
                        + " seconds before asking for another one.";
        return new SignInAnswer(429, Map.of("Retry-After", Long.toString(seconds)),
                SignInApi.errorJson(SignInApi.ERROR_TOO_MANY_REQUESTS, message));
    }

    static SignInAnswer error(int status, String error, String message) {
        return new SignInAnswer(status, Map.of(), SignInApi.errorJson(error, message));
    }

    static SignInAnswer methodNotAllowed() {
        return new SignInAnswer(405, Map.of("Allow", "POST"),
                SignInApi.errorJson(SignInApi.ERROR_METHOD_NOT_ALLOWED, "Use POST to ask for a sign-in link."));
    }

    static SignInAnswer tooLarge() {
        return error(413, SignInApi.ERROR_PAYLOAD_TOO_LARGE,
                "The request is larger than " + SignInApi.MAX_BODY_BYTES + " bytes; a sign-in request is much smaller.");
    }

    static SignInAnswer unsupportedMediaType() {
        return error(415, SignInApi.ERROR_UNSUPPORTED_MEDIA_TYPE,
                "Send the request as JSON with the header Content-Type: application/json.");
    }

    static SignInAnswer badBody(String message) {
        return error(400, SignInApi.ERROR_INVALID_REQUEST, message);
    }

    /** The link store, the queue or the user pool failed: nothing was queued, a retry works. */
    public static SignInAnswer serviceUnavailable() {
        return error(503, SignInApi.ERROR_SERVICE_UNAVAILABLE, "Sign-in is unavailable for a moment. Try again in a minute.");
    }

    public static SignInAnswer internalError() {
        return error(500, SignInApi.ERROR_INTERNAL, "Something went wrong on our side. Try again in a minute.");
    }

    public static SignInAnswer preflight() {
        return new SignInAnswer(204, Map.of(), "");
    }

    private static String minutes(long seconds) {
        long minutes = (seconds + 59) / 60;
        return minutes == 1 ? "a minute" : minutes + " minutes";
    }
}
