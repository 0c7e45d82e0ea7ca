package com.example.signin.fx.internal.client;

import com.example.signin.fx.internal.client.SignInException.Problem;
import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.SignInApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * {@code POST {apiUrl}/signin} (DESIGN.md step 1) over the app's one OkHttp client, with every
 * answer but 202 turned into a {@link SignInException} the screens can show.
 */
final class SignInApiClient {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** Answer bodies are short; a longer one is not read past this. */
    private static final int MAX_BODY = 8 * 1024;
    /** Used when a 429 comes without a readable Retry-After, and when a 202 does not say (older servers). */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(SignInApi.DEFAULT_RETRY_AFTER_SECONDS);
    /** How long a link works when a 202 does not say (older servers). */
    static final Duration DEFAULT_EXPIRES_IN = Duration.ofSeconds(SignInApi.DEFAULT_EXPIRES_IN_SECONDS);
    /** Larger figures in a 202 are not believed (a day): a broken server must not freeze the resend button. */
    private static final long MAX_SECONDS = 24 * 3600;

    private final OkHttpClient http;
    private final String signInUrl;
    private final ObjectMapper mapper = new ObjectMapper();

    SignInApiClient(OkHttpClient http, String apiUrl) {
        this.http = http;
        this.signInUrl = apiUrl + SignInApi.SIGN_IN_PATH;
    }

    /**
     * What a 202 said: how long the link works and how long until the API takes another request
     * from this device. An older server's 202 without them gives the documented defaults.
     */
    record Accepted(Duration expiresIn, Duration retryAfter) {
    }

    /** Asks for a link to {@code email} bound to {@code verifier}; returns when the API accepted (202). */
    Accepted requestLink(String email, String verifier, Locale locale, String deviceId) throws SignInException {
        ObjectNode body = mapper.createObjectNode();
        body.put(SignInApi.FIELD_EMAIL, email);
        body.put(SignInApi.FIELD_CODE_CHALLENGE, CodeChallenge.s256(verifier));
        body.put(SignInApi.FIELD_CODE_CHALLENGE_METHOD, CodeChallenge.METHOD_S256);
        body.put(SignInApi.FIELD_LOCALE, locale.getLanguage().isEmpty() ? "en" : locale.getLanguage());
        body.put(SignInApi.FIELD_DEVICE_ID, deviceId);
        Request request = new Request.Builder()
                .url(signInUrl)
                .post(RequestBody.create(body.toString(), JSON))
                .header("Accept", "application/json")
                .build();
        try (Response response = http.newCall(request).execute()) {
            int code = response.code();
            if (code == 202 || code == 200) {
                return accepted(response.body());
            }
            JsonNode error = readBody(response.body());
            String errorCode = error.path(SignInApi.FIELD_ERROR).asText("");
            String message = error.path(SignInApi.FIELD_MESSAGE).asText("");
            switch (code) {
                case 400 -> {
                    if (SignInApi.ERROR_INVALID_EMAIL.equals(errorCode)) {
                        throw new SignInException(Problem.INVALID_EMAIL,
                                message.isBlank() ? "The sign-in service refused this email address." : message);
                    }
                    throw new SignInException(Problem.UNEXPECTED,
                            "The sign-in service refused the request (400 " + errorCode + "): " + message);
                }
                case 413 -> throw new SignInException(Problem.UNEXPECTED,
                        "The sign-in service found the request too large (413)");
                case 429 -> throw new SignInException(Problem.RATE_LIMITED,
                        "The sign-in service asks to wait before another link", retryAfter(response.header("Retry-After")), null);
                case 502, 503, 504 -> throw new SignInException(Problem.SERVICE_UNAVAILABLE,
                        "The sign-in service cannot send email right now (" + code + " " + errorCode + "): " + message);
                default -> throw new SignInException(code >= 500 ? Problem.SERVICE_UNAVAILABLE : Problem.UNEXPECTED,
                        "The sign-in service answered " + code + " " + errorCode);
            }
        } catch (IOException e) {
            Problem problem = NetworkProblems.classify(e).orElse(Problem.UNREACHABLE);
            throw new SignInException(problem, "The sign-in service at " + signInUrl + " cannot be reached: " + e, e);
        }
    }

    private Accepted accepted(ResponseBody body) {
        JsonNode answer = readBody(body);
        return new Accepted(seconds(answer.path(SignInApi.FIELD_EXPIRES_IN), DEFAULT_EXPIRES_IN),
                seconds(answer.path(SignInApi.FIELD_RETRY_AFTER), DEFAULT_RETRY_AFTER));
    }

    /** A whole number of seconds from the 202 body; absent, not a number or out of range gives {@code fallback}. */
    private static Duration seconds(JsonNode value, Duration fallback) {
        if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            return fallback;
        }
        long seconds = value.asLong();
        return seconds < 0 || seconds > MAX_SECONDS ? fallback : Duration.ofSeconds(seconds);
    }

    private JsonNode readBody(ResponseBody body) {
        if (body == null) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode node = mapper.readTree(body.byteStream().readNBytes(MAX_BODY));
            return node == null ? mapper.createObjectNode() : node;
        } catch (IOException | RuntimeException e) {
            return mapper.createObjectNode();
        }
    }

    /** Retry-After as seconds or an HTTP date (RFC 9110 10.2.3); a missing or unreadable one gives the default. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? DEFAULT_RETRY_AFTER : Duration.ofSeconds(Math.min(seconds, 24 * 3600));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration left = Duration.between(Instant.now(), at);
                return left.isNegative() ? Duration.ZERO : left;
            } catch (DateTimeParseException notADate) {
                return DEFAULT_RETRY_AFTER;
            }
        }
    }
}
