package com.example.signin.lambdas;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.example.signin.lambdas.service.SignUpPolicy;
import com.example.signin.lambdas.testing.Events;
import com.example.signin.lambdas.testing.InMemoryDirectory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Define, create, pre sign-up and post authentication triggers fed with the JSON Cognito sends. */
class CognitoTriggerHandlersTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static CognitoUserPoolDefineAuthChallengeEvent defineEvent(String sessionSpec, boolean userNotFound) {
        return Events.load("define-auth-challenge.json", CognitoUserPoolDefineAuthChallengeEvent.class, json -> {
            ObjectNode request = (ObjectNode) json.get("request");
            ArrayNode session = request.putArray("session");
            if (!sessionSpec.isBlank()) {
                for (String round : sessionSpec.split(" ")) {
                    String[] parts = round.split("=");
                    session.add(NODES.objectNode()
                            .put("challengeName", parts[0])
                            .put("challengeResult", Boolean.parseBoolean(parts[1]))
                            .put("challengeMetadata", "MAGIC_LINK"));
                }
            }
            request.put("userNotFound", userNotFound);
        });
    }

    @ParameterizedTest(name = "session [{0}], userNotFound={1} -> {2}")
    @CsvSource({
            // session so far (name=result ...),             userNotFound, decision
            "'',                                            false, CHALLENGE",   // first call: present the link challenge
            "CUSTOM_CHALLENGE=true,                         false, TOKENS",      // one correct answer
            "CUSTOM_CHALLENGE=false,                        false, FAIL",        // a wrong answer ends the session
            "CUSTOM_CHALLENGE=false CUSTOM_CHALLENGE=true,  false, FAIL",        // no second try
            "CUSTOM_CHALLENGE=true CUSTOM_CHALLENGE=true,   false, FAIL",        // more than one round is never normal
            "SRP_A=true,                                    false, FAIL",        // no password flows
            "PASSWORD_VERIFIER=true,                        false, FAIL",
            "'',                                            true,  CHALLENGE",   // unknown user: looks the same ...
            "CUSTOM_CHALLENGE=true,                         true,  FAIL",        // ... but never signs in
    })
    void defineFollowsTheOneLinkOneAnswerFlow(String session, boolean userNotFound, String expected) {
        CognitoUserPoolDefineAuthChallengeEvent result = new DefineAuthChallengeHandler().handleRequest(defineEvent(session, userNotFound), null);

        CognitoUserPoolDefineAuthChallengeEvent.Response response = result.getResponse();
        switch (expected) {
            case "CHALLENGE" -> {
                assertThat(response.getChallengeName()).isEqualTo("CUSTOM_CHALLENGE");
                assertThat(response.getIssueTokens()).isFalse();
                assertThat(response.getFailAuthentication()).isFalse();
            }
            case "TOKENS" -> {
                assertThat(response.getIssueTokens()).isTrue();
                assertThat(response.getFailAuthentication()).isFalse();
            }
            default -> {
                assertThat(response.getIssueTokens()).isFalse();
                assertThat(response.getFailAuthentication()).isTrue();
            }
        }
    }

    @Test
    void defineAfterOneCorrectAnswerFromTheFixtureIssuesTokensAndSerialisesBack() {
        CognitoUserPoolDefineAuthChallengeEvent event = Events.load("define-auth-challenge-after-answer.json",
                CognitoUserPoolDefineAuthChallengeEvent.class);

        CognitoUserPoolDefineAuthChallengeEvent result = new DefineAuthChallengeHandler().handleRequest(event, null);

        assertThat(Events.toJson(result, CognitoUserPoolDefineAuthChallengeEvent.class))
                .contains("\"issueTokens\":true").contains("\"failAuthentication\":false");
    }

    @Test
    void defineWorksOnAHandBuiltEventWithoutResponse() {
        CognitoUserPoolDefineAuthChallengeEvent event = new CognitoUserPoolDefineAuthChallengeEvent();
        event.setRequest(new CognitoUserPoolDefineAuthChallengeEvent.Request());

        assertThat(new DefineAuthChallengeHandler().handleRequest(event, null).getResponse().getChallengeName())
                .isEqualTo("CUSTOM_CHALLENGE");
    }

    @Test
    void createNamesTheMethodAndPutsNoSecretAnywhere() {
        CognitoUserPoolCreateAuthChallengeEvent event = Events.load("create-auth-challenge.json", CognitoUserPoolCreateAuthChallengeEvent.class);

        CognitoUserPoolCreateAuthChallengeEvent.Response response = new CreateAuthChallengeHandler().handleRequest(event, null).getResponse();

        assertThat(response.getChallengeMetadata()).isEqualTo("MAGIC_LINK");
        assertThat(response.getPublicChallengeParameters()).containsOnly(java.util.Map.entry("method", "MAGIC_LINK"));
        assertThat(response.getPrivateChallengeParameters()).containsOnly(java.util.Map.entry("method", "MAGIC_LINK"));
    }

    @Test
    void thePublicSignUpIsRefusedWithASentence() {
        CognitoUserPoolPreSignUpEvent event = Events.load("pre-sign-up-sign-up.json", CognitoUserPoolPreSignUpEvent.class);

        assertThatThrownBy(() -> new PreSignUpHandler(SignUpPolicy.open()).handleRequest(event, null))
                .isInstanceOf(SignUpRefusedException.class)
                .hasMessageContaining("Ask for a sign-in link in the app");
    }

    @Test
    void anAdminCreatedAccountIsAllowedInAnAllowedDomain() {
        CognitoUserPoolPreSignUpEvent event = Events.load("pre-sign-up-admin-create-user.json", CognitoUserPoolPreSignUpEvent.class);

        PreSignUpHandler handler = new PreSignUpHandler(new SignUpPolicy(SignUpPolicy.Mode.INVITE_ONLY, Set.of("example.com")));

        assertThat(handler.handleRequest(event, null)).isSameAs(event);
        assertThat(event.getResponse().getAutoConfirmUser()).isFalse();
    }

    @Test
    void anAdminCreatedAccountOutsideTheAllowedDomainsIsRefused() {
        CognitoUserPoolPreSignUpEvent event = Events.load("pre-sign-up-admin-create-user.json", CognitoUserPoolPreSignUpEvent.class,
                json -> ((ObjectNode) json.at("/request/userAttributes")).put("email", "new@other.org"));

        assertThatThrownBy(() -> new PreSignUpHandler(new SignUpPolicy(SignUpPolicy.Mode.OPEN, Set.of("example.com"))).handleRequest(event, null))
                .isInstanceOf(SignUpRefusedException.class)
                .hasMessage("Accounts for this email domain are not allowed here.");
    }

    @Test
    void anExternalProviderSignUpIsRefusedToo() {
        CognitoUserPoolPreSignUpEvent event = Events.load("pre-sign-up-sign-up.json", CognitoUserPoolPreSignUpEvent.class,
                json -> json.put("triggerSource", "PreSignUp_ExternalProvider"));

        assertThatThrownBy(() -> new PreSignUpHandler(SignUpPolicy.open()).handleRequest(event, null))
                .isInstanceOf(SignUpRefusedException.class);
    }

    @Test
    void postAuthenticationMarksAnUnverifiedAddressVerified() {
        InMemoryDirectory directory = new InMemoryDirectory();
        CognitoUserPoolPostAuthenticationEvent event = Events.load("post-authentication.json", CognitoUserPoolPostAuthenticationEvent.class);

        new PostAuthenticationHandler(directory).handleRequest(event, null);

        assertThat(directory.verified).containsExactly("eu-west-1_AbCdEf123/7f3c2a1e-9b4d-4c55-8e1f-0a2b3c4d5e6f");
    }

    @Test
    void postAuthenticationLeavesAVerifiedAddressAlone() {
        InMemoryDirectory directory = new InMemoryDirectory();
        CognitoUserPoolPostAuthenticationEvent event = Events.load("post-authentication.json", CognitoUserPoolPostAuthenticationEvent.class,
                json -> ((ObjectNode) json.at("/request/userAttributes")).put("email_verified", "true"));

        new PostAuthenticationHandler(directory).handleRequest(event, null);

        assertThat(directory.verified).isEmpty();
    }

    @Test
    void postAuthenticationHandlesAHandBuiltEventWithoutResponse() {
        InMemoryDirectory directory = new InMemoryDirectory();
        CognitoUserPoolPostAuthenticationEvent event = new CognitoUserPoolPostAuthenticationEvent();
        event.setUserPoolId("eu-west-1_x");
        event.setUserName("u1");
        event.setRequest(new CognitoUserPoolPostAuthenticationEvent.Request());

        new PostAuthenticationHandler(directory).handleRequest(event, null);

        assertThat(directory.verified).containsExactly("eu-west-1_x/u1");
    }

    @Test
    void thePreSignUpFactoryReadsTheDomainList() {
        CognitoUserPoolPreSignUpEvent event = Events.load("pre-sign-up-admin-create-user.json", CognitoUserPoolPreSignUpEvent.class);

        assertThatThrownBy(() -> PreSignUpHandler.create(java.util.Map.of("ALLOWED_EMAIL_DOMAINS", "example.org")).handleRequest(event, null))
                .isInstanceOf(SignUpRefusedException.class);
        assertThat(PreSignUpHandler.create(java.util.Map.of()).handleRequest(event, null)).isSameAs(event);
    }
}
