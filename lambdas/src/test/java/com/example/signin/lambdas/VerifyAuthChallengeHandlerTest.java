package com.example.signin.lambdas;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import com.example.signin.lambdas.service.LinkRecord;
import com.example.signin.lambdas.service.LinkRefusalException;
import com.example.signin.lambdas.service.LinkStore;
import com.example.signin.lambdas.service.LinkVerifier;
import com.example.signin.lambdas.testing.Events;
import com.example.signin.lambdas.testing.LocalDynamo;
import com.example.signin.lambdas.testing.MutableClock;
import com.example.signin.lambdas.testing.SeededRandom;
import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.LinkRefusal;
import com.example.signin.protocol.OneTimeCode;
import com.example.signin.lambdas.service.LinkKeys;
import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.Secrets;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verify trigger fed with the JSON Cognito sends, against DynamoDB Local. */
class VerifyAuthChallengeHandlerTest {

    private static final String DEPLOYMENT_SECRET = "handler-test-deployment-secret-0123456789";
    private static final LinkKeys KEYS = new LinkKeys(DEPLOYMENT_SECRET);
    private static final String ALICE = KEYS.address(EmailAddress.parse("alice@example.com"));
    private static LocalDynamo dynamo;
    private static LinkStore store;
    private static int tables;

    private final SeededRandom random = new SeededRandom(11);
    private final MutableClock clock = MutableClock.at("2099-05-01T09:00:00Z");
    private final String secret = Secrets.generate(random);
    private final String verifier = Secrets.generate(random);
    private VerifyAuthChallengeHandler handler;

    @BeforeAll
    static void startDynamo() {
        dynamo = LocalDynamo.start();
    }

    @AfterAll
    static void stopDynamo() {
        dynamo.close();
    }

    @BeforeEach
    void issueALinkForAlice() {
        String table = "links" + (tables++);
        LinkStore.createTable(dynamo.client(), table);
        store = new LinkStore(dynamo.client(), table);
        Instant now = clock.instant();
        store.put(LinkRecord.issued(ALICE, KEYS.device(null), KEYS.secretHash(secret), KEYS.codeHash(OneTimeCode.derive(secret)), CodeChallenge.s256(verifier),
                now.getEpochSecond(), now.plus(Duration.ofMinutes(15)).getEpochSecond()));
        handler = new VerifyAuthChallengeHandler(new LinkVerifier(store, KEYS, 3, clock));
    }

    private static CognitoUserPoolVerifyAuthChallengeResponseEvent event(String answer, String codeVerifier) {
        return Events.load("verify-auth-challenge.json", CognitoUserPoolVerifyAuthChallengeResponseEvent.class, json -> {
            ObjectNode request = (ObjectNode) json.get("request");
            request.put("challengeAnswer", answer);
            if (codeVerifier == null) {
                request.remove("clientMetadata");
            } else {
                ((ObjectNode) request.get("clientMetadata")).put("codeVerifier", codeVerifier);
            }
        });
    }

    @Test
    void theLinkWithItsVerifierIsACorrectAnswer() {
        CognitoUserPoolVerifyAuthChallengeResponseEvent result = handler.handleRequest(event(secret, verifier), null);

        assertThat(result.getResponse().getAnswerCorrect()).isTrue();
        assertThat(Events.toJson(result, CognitoUserPoolVerifyAuthChallengeResponseEvent.class)).contains("\"answerCorrect\":true");
    }

    @Test
    void theMailsCodeWithTheVerifierIsACorrectAnswerAndAWrongCodeIsNot() {
        String code = OneTimeCode.derive(secret);
        String wrong = code.charAt(0) == '2' ? "3" + code.substring(1) : "2" + code.substring(1);

        assertThat(handler.handleRequest(event(wrong, verifier), null).getResponse().getAnswerCorrect()).isFalse();
        assertThat(handler.handleRequest(event(code, verifier), null).getResponse().getAnswerCorrect()).isTrue();
        assertThatThrownBy(() -> handler.handleRequest(event(code, verifier), null)).hasMessage("link_used");
    }

    @Test
    void aSecretThatMatchesNothingIsAnIncorrectAnswer() {
        assertThat(handler.handleRequest(event(Secrets.generate(random), verifier), null).getResponse().getAnswerCorrect()).isFalse();
    }

    @Test
    void aMatchingSecretWithoutTheVerifierFailsWithTheRefusalCode() {
        assertThatThrownBy(() -> handler.handleRequest(event(secret, null), null))
                .isInstanceOf(LinkRefusalException.class)
                .hasMessage("link_foreign_device");
        // what Cognito makes of it, and what the app reads back
        String cognitoMessage = String.format(LinkRefusal.COGNITO_MESSAGE_FORMAT, "link_foreign_device");
        assertThat(LinkRefusal.fromMessage(cognitoMessage)).contains(LinkRefusal.FOREIGN_DEVICE);
    }

    @Test
    void anExpiredOrUsedLinkFailsWithItsCode() {
        handler.handleRequest(event(secret, verifier), null);
        assertThatThrownBy(() -> handler.handleRequest(event(secret, verifier), null)).hasMessage("link_used");

        issueALinkForAlice();
        clock.advance(Duration.ofMinutes(16));
        assertThatThrownBy(() -> handler.handleRequest(event(secret, verifier), null)).hasMessage("link_expired");
    }

    @Test
    void anUnknownUserIsAnIncorrectAnswerWithoutLookingAnythingUp() {
        CognitoUserPoolVerifyAuthChallengeResponseEvent event = Events.load("verify-auth-challenge.json",
                CognitoUserPoolVerifyAuthChallengeResponseEvent.class, json -> {
                    ObjectNode request = (ObjectNode) json.get("request");
                    request.put("userNotFound", true).put("challengeAnswer", secret);
                    ((ObjectNode) request.get("clientMetadata")).put("codeVerifier", verifier);
                });

        assertThat(handler.handleRequest(event, null).getResponse().getAnswerCorrect()).isFalse();
        assertThat(store.pending(ALICE).get(0).failedAttempts()).isZero();
    }

    @Test
    void theFactoryReadsTheVariablesOfTheLambda() {
        String table = "links" + (tables - 1);
        VerifyAuthChallengeHandler built = VerifyAuthChallengeHandler.create(java.util.Map.of("LINK_TABLE", table,
                "MAX_FAILED_ATTEMPTS", "1"), KEYS, dynamo.client(), clock);

        // a made-up answer changes nothing, one refusal with the matching secret spends the link at MAX_FAILED_ATTEMPTS=1
        assertThat(built.handleRequest(event(Secrets.generate(random), verifier), null).getResponse().getAnswerCorrect()).isFalse();
        assertThatThrownBy(() -> built.handleRequest(event(secret, null), null)).hasMessage("link_foreign_device");
        assertThatThrownBy(() -> built.handleRequest(event(secret, verifier), null)).hasMessage("link_used");
    }
}
