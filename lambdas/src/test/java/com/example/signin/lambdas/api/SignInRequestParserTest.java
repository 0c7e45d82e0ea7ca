package com.example.signin.lambdas.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.example.signin.lambdas.service.SignInRequest;
import com.example.signin.lambdas.service.SignInResult;
import com.example.signin.lambdas.testing.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the API reads from an API Gateway event and the sentences it answers with. */
class SignInRequestParserTest {

    private final SignInRequestParser parser = new SignInRequestParser();

    private static APIGatewayProxyRequestEvent fixture() {
        return Events.load("api-gateway-signin.json", APIGatewayProxyRequestEvent.class);
    }

    private static int refusedStatus(APIGatewayProxyRequestEvent event) {
        try {
            new SignInRequestParser().parse(event);
        } catch (RequestRefused refused) {
            return refused.answer().status();
        }
        throw new AssertionError("the request was read");
    }

    @Test
    void theSourceIpComesFromTheRequestContextAndIsAbsentWithoutOne() {
        APIGatewayProxyRequestEvent event = fixture();
        assertThat(parser.parse(event).sourceIp()).isEqualTo("203.0.113.7");

        event.getRequestContext().setIdentity(null);
        assertThat(parser.parse(event).sourceIp()).isNull();

        event.setRequestContext(null);
        SignInRequest request = parser.parse(event);
        assertThat(request.sourceIp()).isNull();
        assertThat(request.codeChallengeMethod()).isEqualTo("S256");
    }

    @Test
    void theContentTypeHeaderIsFoundInAnyCaseAndIsRequired() {
        APIGatewayProxyRequestEvent event = fixture();
        Map<String, String> headers = new HashMap<>();
        headers.put(null, "ignored");
        headers.put("content-TYPE", "Application/JSON; charset=utf-8");
        event.setHeaders(headers);
        assertThat(parser.parse(event).email()).isNotBlank();

        event.setHeaders(Map.of("Accept", "application/json"));
        assertThat(refusedStatus(event)).as("no Content-Type").isEqualTo(415);
        event.setHeaders(null);
        assertThat(refusedStatus(event)).as("no headers at all").isEqualTo(415);
    }

    @Test
    void onlyOptionsIsAPreflight() {
        APIGatewayProxyRequestEvent event = fixture();
        assertThat(SignInRequestParser.isPreflight(event)).isFalse();
        event.setHttpMethod("options");
        assertThat(SignInRequestParser.isPreflight(event)).isTrue();
        assertThat(SignInRequestParser.isPreflight(null)).isFalse();
        assertThatThrownBy(() -> parser.parse(null)).isInstanceOfSatisfying(RequestRefused.class,
                refused -> assertThat(refused.answer().status()).isEqualTo(405));
    }

    @Test
    void aSpentBudgetTellsTheWaitInWholeMinutesRoundedUp() {
        assertThat(tooMany(Duration.ofSeconds(1), true).body()).contains("Try again in a minute.");
        assertThat(tooMany(Duration.ofSeconds(60), true).body()).contains("Try again in a minute.");
        assertThat(tooMany(Duration.ofSeconds(61), true).body()).contains("Try again in 2 minutes.");
        assertThat(tooMany(Duration.ofSeconds(3000), true).body()).contains("Try again in 50 minutes.");
        assertThat(tooMany(Duration.ofSeconds(3000), true).extraHeaders()).containsEntry("Retry-After", "3000");
    }

    @Test
    void aCooldownTellsTheWaitInSecondsAndNeverLessThanOne() {
        SignInAnswer answer = tooMany(Duration.ZERO, false);

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.extraHeaders()).containsEntry("Retry-After", "1");
        assertThat(answer.body()).contains("Wait 1 seconds before asking for another one.");
    }

    @Test
    void anUnexpectedFailureIs500WithASentenceAndNoDetail() {
        SignInAnswer answer = SignInAnswer.internalError();

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).isEqualTo("{\"error\":\"internal_error\",\"message\":\"Something went wrong on our side. Try again in a minute.\"}");
    }

    private static SignInAnswer tooMany(Duration retryAfter, boolean budgetSpent) {
        return SignInAnswer.of(new SignInResult.TooManyRequests(retryAfter, budgetSpent));
    }
}
