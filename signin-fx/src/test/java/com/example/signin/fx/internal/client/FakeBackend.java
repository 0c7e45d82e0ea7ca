package com.example.signin.fx.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A loopback HTTP server standing in for the sign-in API ({@code POST /signin}), the user pool
 * (AWS JSON 1.1 at {@code /}) and the pool's JWKS, with answers the test sets per operation.
 */
final class FakeBackend implements AutoCloseable {

    record Answer(int status, String body, Map<String, String> headers) {
        static Answer json(int status, String body) {
            return new Answer(status, body, Map.of());
        }
    }

    record Call(String operation, JsonNode body) {
    }

    static final String CLIENT_ID = "testclient1";

    final ObjectMapper mapper = new ObjectMapper();
    final RSAKey key;
    final RSAKey otherKey;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** How often the JWKS was fetched (not in {@link #calls}). */
    final java.util.concurrent.atomic.AtomicInteger jwksFetches = new java.util.concurrent.atomic.AtomicInteger();
    volatile Function<Call, Answer> answers = call -> Answer.json(500, "{}");
    private final HttpServer server;

    FakeBackend() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String issuer() {
        return base() + "/issuer";
    }

    List<Call> calls(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    /** An ID token as Cognito makes it, signed with {@code signer}, with {@code changes} applied to the claims. */
    String idToken(String email, RSAKey signer, Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> changes) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject("sub-" + email)
                .issuer(issuer())
                .audience(CLIENT_ID)
                .claim("token_use", "id")
                .claim("email", email)
                .claim("email_verified", true)
                .claim("cognito:username", "sub-" + email)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
                changes.apply(claims).build());
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    static String authenticationResult(String idToken, String refreshToken) {
        return "{\"AuthenticationResult\":{\"AccessToken\":\"access-token\",\"IdToken\":\"" + idToken + "\","
                + (refreshToken == null ? "" : "\"RefreshToken\":\"" + refreshToken + "\",")
                + "\"ExpiresIn\":3600,\"TokenType\":\"Bearer\"},\"ChallengeParameters\":{}}";
    }

    static Answer cognitoError(String type, String message) {
        return new Answer(400, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}", Map.of());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            Answer answer;
            String contentType = "application/json";
            if (path.equals("/issuer/.well-known/jwks.json")) {
                jwksFetches.incrementAndGet();
                answer = Answer.json(200, new JWKSet(key.toPublicJWK()).toString());
            } else {
                String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
                String operation = target != null ? target.substring(target.indexOf('.') + 1) : path;
                JsonNode body = requestBody.length == 0 ? mapper.createObjectNode() : mapper.readTree(requestBody);
                Call call = new Call(operation, body);
                calls.add(call);
                answer = answers.apply(call);
                if (target != null) {
                    contentType = "application/x-amz-json-1.1";
                }
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        } catch (Exception e) {
            exchange.sendResponseHeaders(599, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

}
