package com.example.signin.lambdas.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.example.signin.lambdas.service.SignInRequest;
import com.example.signin.protocol.SignInApi;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an API Gateway proxy event into a {@link SignInRequest}, or refuses it with the answer
 * the caller gets: 405 for any method but POST, 413 over {@value SignInApi#MAX_BODY_BYTES} bytes,
 * 415 unless the body is declared {@code application/json}, 400 for a body
 * that is not one JSON object of strings. Unknown fields are ignored (the same policy in AWS and
 * locally, so a newer app works with an older server); a known field of another type is refused.
 */
public final class SignInRequestParser {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> FIELDS = Set.of(SignInApi.FIELD_EMAIL, SignInApi.FIELD_CODE_CHALLENGE,
            SignInApi.FIELD_CODE_CHALLENGE_METHOD, SignInApi.FIELD_LOCALE, SignInApi.FIELD_DEVICE_ID);

    /**
     * @throws RequestRefused with the answer for a request that is not a sign-in request
     */
    public SignInRequest parse(APIGatewayProxyRequestEvent event) {
        String method = event == null ? null : event.getHttpMethod();
        if (!"POST".equalsIgnoreCase(method)) {
            throw new RequestRefused(SignInAnswer.methodNotAllowed());
        }
        // Size before type: an over-size body is 413 whatever it claims to be.
        byte[] body = body(event);
        if (!declaresJson(event.getHeaders())) {
            throw new RequestRefused(SignInAnswer.unsupportedMediaType());
        }
        Map<String, String> fields = fields(body);
        String sourceIp = event.getRequestContext() == null || event.getRequestContext().getIdentity() == null
                ? null : event.getRequestContext().getIdentity().getSourceIp();
        return new SignInRequest(
                fields.get(SignInApi.FIELD_EMAIL),
                fields.get(SignInApi.FIELD_CODE_CHALLENGE),
                fields.get(SignInApi.FIELD_CODE_CHALLENGE_METHOD),
                fields.get(SignInApi.FIELD_LOCALE),
                fields.get(SignInApi.FIELD_DEVICE_ID),
                sourceIp);
    }

    /** Whether this is a CORS preflight ({@code OPTIONS}). */
    public static boolean isPreflight(APIGatewayProxyRequestEvent event) {
        return event != null && "OPTIONS".equalsIgnoreCase(event.getHttpMethod());
    }

    /** Whether the Content-Type header (any case) names application/json, parameters aside. */
    private static boolean declaresJson(Map<String, String> headers) {
        if (headers == null) {
            return false;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase("Content-Type")) {
                return String.valueOf(h.getValue()).split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/json");
            }
        }
        return false;
    }

    private static byte[] body(APIGatewayProxyRequestEvent event) {
        String raw = event.getBody() == null ? "" : event.getBody();
        byte[] bytes;
        // One size rule, on the bytes as read; the raw body is already capped (API Gateway 10 MB, the local route).
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                bytes = Base64.getDecoder().decode(raw.strip());
            } catch (IllegalArgumentException e) {
                throw new RequestRefused(SignInAnswer.badBody(SignInAnswer.BODY_SHAPE));
            }
        } else {
            bytes = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > SignInApi.MAX_BODY_BYTES) {
            throw new RequestRefused(SignInAnswer.tooLarge());
        }
        return bytes;
    }

    private static Map<String, String> fields(byte[] bytes) {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = JSON.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new RequestRefused(SignInAnswer.badBody(SignInAnswer.BODY_SHAPE));
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                boolean known = FIELDS.contains(name);
                if (value == JsonToken.VALUE_STRING && known) {
                    fields.put(name, parser.getText());
                } else if (value == JsonToken.VALUE_NULL || !known) {
                    parser.skipChildren();
                } else {
                    throw new RequestRefused(SignInAnswer.badBody("\"" + name + "\" must be a string. " + SignInAnswer.BODY_SHAPE));
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new RequestRefused(SignInAnswer.badBody(SignInAnswer.BODY_SHAPE));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof RequestRefused refused) {
                throw refused;
            }
            throw new RequestRefused(SignInAnswer.badBody(SignInAnswer.BODY_SHAPE));
        }
        return fields;
    }
}
