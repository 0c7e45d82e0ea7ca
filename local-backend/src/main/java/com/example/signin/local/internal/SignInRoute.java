package com.example.signin.local.internal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.signin.protocol.SignInApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code POST {apiUrl}/signin} as API Gateway's Lambda proxy integration runs it: the HTTP request
 * becomes the {@code APIGatewayProxyRequestEvent} JSON, the sign-in function runs on it, and its
 * {@code APIGatewayProxyResponseEvent} is written back as it is.
 */
public final class SignInRoute {

    /** Larger bodies are refused here, as the real API's request size limit would. */
    public static final int MAX_READ_BYTES = 64 * 1024;

    private final Supplier<LambdaFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> function;

    public SignInRoute(Supplier<LambdaFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> function) {
        this.function = function;
    }

    /** An HTTP response of the route. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
    }

    /**
     * @param headers the request headers as received (name to values)
     * @param body    the body, or {@code null} when it was longer than {@link #MAX_READ_BYTES}
     */
    public Response handle(String method, Map<String, List<String>> headers, byte[] body, long nowMillis) {
        if (!"POST".equals(method)) {
            return error(405, SignInApi.ERROR_INVALID_REQUEST, "Use POST to request a sign-in link.", Map.of("Allow", List.of("POST")));
        }
        if (body == null) {
            return error(413, SignInApi.ERROR_PAYLOAD_TOO_LARGE,
                    "The request is larger than " + SignInApi.MAX_BODY_BYTES + " bytes.", Map.of());
        }
        ObjectNode event = Json.object();
        event.put("resource", SignInApi.SIGN_IN_PATH);
        event.put("path", SignInApi.SIGN_IN_PATH);
        event.put("httpMethod", "POST");
        ObjectNode single = event.putObject("headers");
        ObjectNode multi = event.putObject("multiValueHeaders");
        String userAgent = null;
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getValue().isEmpty()) {
                continue;
            }
            String name = canonical(h.getKey());
            single.put(name, h.getValue().get(h.getValue().size() - 1));
            ArrayNode values = multi.putArray(name);
            h.getValue().forEach(values::add);
            if (name.equalsIgnoreCase("User-Agent")) {
                userAgent = h.getValue().get(0);
            }
        }
        event.putNull("queryStringParameters");
        event.putNull("multiValueQueryStringParameters");
        event.putNull("pathParameters");
        event.putNull("stageVariables");
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("resourceId", "local");
        context.put("stage", "local");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("resourcePath", SignInApi.SIGN_IN_PATH);
        context.put("httpMethod", "POST");
        context.put("path", "/local" + SignInApi.SIGN_IN_PATH);
        context.put("protocol", "HTTP/1.1");
        context.put("requestTimeEpoch", nowMillis);
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", "127.0.0.1");
        if (userAgent != null) {
            identity.put("userAgent", userAgent);
        }
        String text = utf8(body);
        if (text != null) {
            event.put("body", body.length == 0 ? null : text);
            event.put("isBase64Encoded", false);
        } else {
            event.put("body", Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", true);
        }

        LambdaFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> signIn;
        try {
            signIn = function.get();
        } catch (RuntimeException e) {
            return error(503, SignInApi.ERROR_EMAIL_UNAVAILABLE,
                    "The local sign-in service is not available: " + e.getMessage(), Map.of());
        }
        JsonNode answer;
        try {
            answer = signIn.invoke(event);
        } catch (LambdaFunction.FunctionError e) {
            // API Gateway answers a failed Lambda proxy function with 502 and this body.
            return new Response(502, Map.of("Content-Type", List.of("application/json")),
                    "{\"message\": \"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
        }
        return toResponse(answer);
    }

    private static Response toResponse(JsonNode answer) {
        int status = answer.path("statusCode").asInt(502);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        answer.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), new ArrayList<>(List.of(e.getValue().asText()))));
        answer.path("multiValueHeaders").fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            headers.put(e.getKey(), values);
        });
        JsonNode bodyNode = answer.get("body");
        byte[] body;
        if (bodyNode == null || bodyNode.isNull()) {
            body = new byte[0];
        } else if (answer.path("isBase64Encoded").asBoolean(false)) {
            body = Base64.getDecoder().decode(bodyNode.asText());
        } else {
            body = bodyNode.asText().getBytes(StandardCharsets.UTF_8);
        }
        return new Response(status, headers, body);
    }

    private static Response error(int status, String code, String message, Map<String, List<String>> extra) {
        ObjectNode body = Json.object();
        body.put(SignInApi.FIELD_ERROR, code);
        body.put(SignInApi.FIELD_MESSAGE, message);
        Map<String, List<String>> headers = new LinkedHashMap<>(extra);
        headers.put("Content-Type", List.of("application/json"));
        // As the sign-in function's own answers: an error must not be cached either.
        headers.put("Cache-Control", List.of("no-store"));
        return new Response(status, headers, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** {@code content-type} → {@code Content-Type}, as clients usually send it. */
    private static String canonical(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }
}
