package com.example.signin.lambdas;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.signin.lambdas.service.LinkStore;
import com.example.signin.lambdas.service.MagicLinkService;
import com.example.signin.lambdas.service.SignUpPolicy;
import com.example.signin.lambdas.testing.InMemoryDirectory;
import com.example.signin.lambdas.testing.LocalDynamo;
import com.example.signin.lambdas.testing.RecordingMailer;
import com.example.signin.lambdas.testing.SeededRandom;
import com.example.signin.testsupport.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever arrives, the sign-in API answers with one of its documented statuses, as JSON. */
class SignInApiPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> DOCUMENTED = Set.of(202, 400, 405, 413, 415, 429);
    private static LocalDynamo dynamo;
    private static SignInApiHandler handler;

    @BeforeContainer
    static void start() {
        dynamo = LocalDynamo.start();
        LinkStore.createTable(dynamo.client(), "links");
        MagicLinkService service = new MagicLinkService(SignInApiHandlerTest.settings(SignUpPolicy.open()), SignInApiHandlerTest.KEYS,
                new LinkStore(dynamo.client(), "links"), request -> { }, TestClock.at("2099-06-01T07:00:00Z"), new SeededRandom(8));
        handler = new SignInApiHandler(service, null);
    }

    @AfterContainer
    static void stop() {
        dynamo.close();
    }

    @Property(tries = 300)
    void anyBodyGetsADocumentedJsonAnswerAndNeverA5xx(@ForAll("bodies") String body, @ForAll boolean base64,
                                                       @ForAll("methods") String method,
                                                       @ForAll("contentTypes") String contentType) throws Exception {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withPath("/signin")
                .withHeaders(contentType == null ? null : java.util.Map.of("content-type", contentType))
                .withIsBase64Encoded(base64)
                .withBody(base64 && body != null ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isIn(DOCUMENTED);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json").containsEntry("Cache-Control", "no-store");
        JsonNode json = JSON.readTree(response.getBody());
        assertThat(json.isObject()).isTrue();
        if (response.getStatusCode() != 202) {
            assertThat(json.get("error").asText()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just("POST")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("GET", "PUT", "post", "", "P\u0000ST")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.of("application/json", "Application/JSON; charset=utf-8")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("text/plain", "application/x-www-form-urlencoded", "")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> anyText = Arbitraries.strings().ofMaxLength(5000);
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(80).map(s -> JSON.valueToTree(s).toString()),
                Arbitraries.of("null", "42", "true", "[]", "{}", "\"alice@example.com\"", "\"S256\"",
                        "\"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM\"", "\"en\"", "\"de-CH\""),
                net.jqwik.web.api.Web.emails().map(e -> JSON.valueToTree(e).toString()));
        Arbitrary<String> key = Arbitraries.of("email", "codeChallenge", "codeChallengeMethod", "locale", "deviceId", "other", "");
        Arbitrary<String> field = Combinators.combine(key, value).as((k, v) -> "\"" + k + "\":" + v);
        Arbitrary<String> object = field.list().ofMaxSize(6).map(fields -> "{" + String.join(",", fields) + "}");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, anyText),
                net.jqwik.api.Tuple.of(6, object),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    }
}
