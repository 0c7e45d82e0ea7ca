package com.example.signin.lambdas;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.example.signin.lambdas.service.SignUpPolicy;
import com.example.signin.lambdas.testing.Events;
import com.example.signin.lambdas.testing.InMemoryDirectory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cognito reads a trigger's answer from the event the trigger returns: a trigger that returns
 * anything but the event it was given (null, a copy) breaks sign-in for everyone.
 */
class TriggersHandTheEventBackTest {

    @Test
    void postAuthenticationReturnsTheEventWhetherOrNotItMarkedTheAddress() {
        CognitoUserPoolPostAuthenticationEvent unverified = Events.load("post-authentication.json",
                CognitoUserPoolPostAuthenticationEvent.class);
        CognitoUserPoolPostAuthenticationEvent verified = Events.load("post-authentication.json",
                CognitoUserPoolPostAuthenticationEvent.class,
                json -> ((ObjectNode) json.at("/request/userAttributes")).put("email_verified", "TRUE"));
        InMemoryDirectory directory = new InMemoryDirectory();
        PostAuthenticationHandler handler = new PostAuthenticationHandler(directory);

        assertThat(handler.handleRequest(unverified, null)).isSameAs(unverified);
        assertThat(handler.handleRequest(verified, null)).isSameAs(verified);
        assertThat(directory.verified).hasSize(1); // "TRUE" counts as verified: the attribute is case-insensitive
    }

    @Test
    void postAuthenticationOfAnEventWithoutRequestMarksTheUserAndReturnsTheEvent() {
        InMemoryDirectory directory = new InMemoryDirectory();
        CognitoUserPoolPostAuthenticationEvent event = new CognitoUserPoolPostAuthenticationEvent();
        event.setUserPoolId("eu-west-1_x");
        event.setUserName("u1");

        assertThat(new PostAuthenticationHandler(directory).handleRequest(event, null)).isSameAs(event);
        assertThat(directory.verified).containsExactly("eu-west-1_x/u1");
    }

    @Test
    void defineFillsTheResponseOfTheEventItReturns() {
        CognitoUserPoolDefineAuthChallengeEvent event = Events.load("define-auth-challenge-after-answer.json",
                CognitoUserPoolDefineAuthChallengeEvent.class);
        CognitoUserPoolDefineAuthChallengeEvent.Response given = event.getResponse();

        CognitoUserPoolDefineAuthChallengeEvent result = new DefineAuthChallengeHandler().handleRequest(event, null);

        assertThat(result).isSameAs(event);
        assertThat(result.getResponse()).isSameAs(given);
        assertThat(given.getIssueTokens()).isTrue();
        assertThat(given.getChallengeName()).isNull();
    }

    @Test
    void defineWithoutARequestPresentsTheChallengeAsOnAFirstCall() {
        CognitoUserPoolDefineAuthChallengeEvent event = new CognitoUserPoolDefineAuthChallengeEvent();

        CognitoUserPoolDefineAuthChallengeEvent result = new DefineAuthChallengeHandler().handleRequest(event, null);

        assertThat(result).isSameAs(event);
        assertThat(result.getResponse().getChallengeName()).isEqualTo("CUSTOM_CHALLENGE");
        assertThat(result.getResponse().getIssueTokens()).isFalse();
        assertThat(result.getResponse().getFailAuthentication()).isFalse();
    }

    @Test
    void createFillsTheResponseOfTheEventItReturnsAndMakesOneWhenMissing() {
        CognitoUserPoolCreateAuthChallengeEvent fromCognito = Events.load("create-auth-challenge.json",
                CognitoUserPoolCreateAuthChallengeEvent.class);
        CognitoUserPoolCreateAuthChallengeEvent.Response given = fromCognito.getResponse();
        CognitoUserPoolCreateAuthChallengeEvent handBuilt = new CognitoUserPoolCreateAuthChallengeEvent();
        CreateAuthChallengeHandler handler = new CreateAuthChallengeHandler();

        assertThat(handler.handleRequest(fromCognito, null)).isSameAs(fromCognito);
        assertThat(fromCognito.getResponse()).isSameAs(given);
        assertThat(handler.handleRequest(handBuilt, null)).isSameAs(handBuilt);
        assertThat(handBuilt.getResponse().getChallengeMetadata()).isEqualTo("MAGIC_LINK");
        assertThat(handBuilt.getResponse().getPublicChallengeParameters()).containsOnly(Map.entry("method", "MAGIC_LINK"));
    }

    @Test
    void preSignUpReturnsTheEventOfAnAllowedAdminCreatedAccount() {
        CognitoUserPoolPreSignUpEvent event = Events.load("pre-sign-up-admin-create-user.json", CognitoUserPoolPreSignUpEvent.class);

        assertThat(new PreSignUpHandler(SignUpPolicy.open()).handleRequest(event, null)).isSameAs(event);
    }
}
