package com.example.signin.local.internal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.signin.lambdas.api.SignInAnswer;
import com.example.signin.protocol.SignInApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * {@code {apiUrl}/signin} as API Gateway's Lambda proxy integration runs it: the HTTP request (any
 * method) becomes the {@code APIGatewayProxyRequestEvent} JSON, the sign-in function runs on it, and
 * its {@code APIGatewayProxyResponseEvent} is written back as it is. The function answers every
 * case (405, 413, 415, 400 ...) itself; this route only forwards.
 */
public final class SignInRoute {

    private static final Logger LOG = LoggerFactory.getLogger(SignInRoute.class);

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
        if (body == null) {
            // Past the read limit: forwarded as a body over the API's limit, so the function answers 413 itself.
            body = new byte[SignInApi.MAX_BODY_BYTES + 1];
            java.util.Arrays.fill(body, (byte) ' ');
        }
        ObjectNode event = Json.object();
        event.put("resource", SignInApi.SIGN_IN_PATH);
        event.put("path", SignInApi.SIGN_IN_PATH);
        event.put("httpMethod", method);
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
        context.put("httpMethod", method);
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
            LOG.error("The local sign-in function could not be built", e);
            SignInAnswer unavailable = SignInAnswer.serviceUnavailable();
            return new Response(unavailable.status(), Map.of("Content-Type", List.of("application/json"),
                    "Cache-Control", List.of("no-store")), unavailable.body().getBytes(StandardCharsets.UTF_8));
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
