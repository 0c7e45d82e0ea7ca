package com.example.signin.local.internal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.signin.protocol.MeApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET {apiUrl}/me} as the CDK stack's API runs it: first what the Cognito user-pools
 * authorizer checks (an RS256 signature by a key of the pool's JWKS, the pool's issuer, not
 * expired by the backend's clock, {@code token_use=access} and the access-token scope), answering
 * its 401 itself; then the same {@code MeHandler} the Lambda runs, with the verified claims as
 * API Gateway passes them, which checks the app client and asks the local pool's {@code GetUser}
 * (so a token revoked by sign-out is refused as in AWS).
 */
public final class MeRoute {

    private static final Logger LOG = LoggerFactory.getLogger(MeRoute.class);

    private final Supplier<LambdaFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> function;
    private final Supplier<String> jwks;
    private final Supplier<String> issuer;
    private final Clock clock;
    private volatile Verifier verifier;

    /**
     * @param function the {@code MeHandler}, built on first use
     * @param jwks     the pool's JWKS JSON (public keys only)
     * @param issuer   the {@code iss} of the pool's tokens
     */
    public MeRoute(Supplier<LambdaFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> function,
                   Supplier<String> jwks, Supplier<String> issuer, Clock clock) {
        this.function = Objects.requireNonNull(function, "function");
        this.jwks = Objects.requireNonNull(jwks, "jwks");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param headers the request headers as received (name to values)
     */
    public SignInRoute.Response handle(Map<String, List<String>> headers, long nowMillis) {
        String authorization = first(headers, "Authorization");
        Optional<JWTClaimsSet> claims = MeApi.bearerToken(authorization).flatMap(this::authorize);
        if (claims.isEmpty()) {
            return new SignInRoute.Response(401, Map.of("Content-Type", List.of("application/json"),
                    "WWW-Authenticate", List.of(MeApi.WWW_AUTHENTICATE)),
                    MeApi.unauthorizedJson().getBytes(StandardCharsets.UTF_8));
        }
        ObjectNode event = event(authorization, claims.get(), first(headers, "User-Agent"), nowMillis);
        JsonNode answer;
        try {
            answer = function.get().invoke(event);
        } catch (LambdaFunction.FunctionError e) {
            // API Gateway answers a failed Lambda proxy function with 502 and this body.
            return new SignInRoute.Response(502, Map.of("Content-Type", List.of("application/json")),
                    "{\"message\": \"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        answer.path("headers").fields().forEachRemaining(h -> out.put(h.getKey(), List.of(h.getValue().asText())));
        JsonNode body = answer.get("body");
        return new SignInRoute.Response(answer.path("statusCode").asInt(502), out,
                body == null || body.isNull() ? new byte[0] : body.asText().getBytes(StandardCharsets.UTF_8));
    }

    /** The authorizer's checks; the claims of a token that passes them. */
    private Optional<JWTClaimsSet> authorize(String token) {
        try {
            JWTClaimsSet claims = verifier().processor.process(token, null);
            Object scope = claims.getClaim("scope");
            if (!(scope instanceof String s) || !List.of(s.split(" ")).contains(MeApi.ACCESS_TOKEN_SCOPE)) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            LOG.debug("GET /me refused a token: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** The processor for the current JWKS and issuer, rebuilt only when either changes. */
    private Verifier verifier() throws ParseException {
        String keys = jwks.get();
        String iss = issuer.get();
        Verifier v = verifier;
        if (v == null || !v.jwks.equals(keys) || !v.issuer.equals(iss)) {
            v = new Verifier(keys, iss, clock);
            verifier = v;
        }
        return v;
    }

    private static final class Verifier {
        final String jwks;
        final String issuer;
        final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

        Verifier(String jwks, String issuer, Clock clock) throws ParseException {
            this.jwks = jwks;
            this.issuer = issuer;
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(JWKSet.parse(jwks))));
            DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                    new JWTClaimsSet.Builder().issuer(issuer).claim("token_use", "access").build(),
                    Set.of("sub", "exp", "iat", "client_id", "scope")) {
                @Override
                protected Date currentTime() {
                    return Date.from(clock.instant());
                }
            };
            // Expired is expired: no grace, so a test clock one second past exp sees the 401.
            claims.setMaxClockSkew(0);
            processor.setJWTClaimsSetVerifier(claims);
        }
    }

    /** The Lambda proxy event of {@code GET /me} with the authorizer's claims, as API Gateway sends it. */
    private static ObjectNode event(String authorization, JWTClaimsSet claims, String userAgent, long nowMillis) {
        ObjectNode event = Json.object();
        event.put("resource", MeApi.PATH);
        event.put("path", MeApi.PATH);
        event.put("httpMethod", "GET");
        ObjectNode headers = event.putObject("headers");
        headers.put("Authorization", authorization);
        event.putObject("multiValueHeaders").putArray("Authorization").add(authorization);
        if (userAgent != null) {
            headers.put("User-Agent", userAgent);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("stage", "local");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("resourcePath", MeApi.PATH);
        context.put("httpMethod", "GET");
        context.put("path", "/local" + MeApi.PATH);
        context.put("requestTimeEpoch", nowMillis);
        context.putObject("identity").put("sourceIp", "127.0.0.1");
        // API Gateway hands the Cognito authorizer's claims on as strings.
        ObjectNode passed = context.putObject("authorizer").putObject("claims");
        claims.getClaims().forEach((name, value) -> passed.put(name, value instanceof Date d
                ? Long.toString(d.toInstant().getEpochSecond()) : String.valueOf(value)));
        event.putNull("body");
        event.put("isBase64Encoded", false);
        return event;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> found = new ArrayList<>();
        headers.forEach((k, v) -> {
            if (k.equalsIgnoreCase(name) && v != null) {
                found.addAll(v);
            }
        });
        // Two Authorization headers are no token: refuse rather than pick one.
        return found.size() == 1 ? found.get(0) : null;
    }
}
