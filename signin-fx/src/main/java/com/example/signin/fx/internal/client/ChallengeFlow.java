package com.example.signin.fx.internal.client;

import com.example.signin.fx.internal.client.SignInException.Problem;
import com.example.signin.protocol.SignInApi;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

/**
 * The sign-in flow (DESIGN.md step 6): CUSTOM_AUTH for the pending request's address, its custom
 * challenge answered with a link's secret or a one-time code and the request's verifier as client
 * metadata; the verify trigger tells a secret from a code by its form.
 */
final class ChallengeFlow {

    private static final Logger LOG = LoggerFactory.getLogger(ChallengeFlow.class);

    private ChallengeFlow() {
    }

    /**
     * Runs the flow's first call through the SDK (marshalling, endpoint rules, signing) and stops
     * it before it is sent ({@link WarmUpGuard}), so the first real sign-in does not pay for that
     * path. Even if it went out it would change nothing: its client id is no app client's.
     *
     * @throws IllegalStateException if the call was not stopped (the guard is missing)
     */
    static void rehearse(CognitoIdentityProviderClient cognito) {
        try {
            cognito.initiateAuth(r -> r
                    .clientId("warm-up-rehearsal-never-sent")
                    .authFlow(AuthFlowType.CUSTOM_AUTH)
                    .authParameters(Map.of("USERNAME", "warm-up@example.invalid"))
                    .overrideConfiguration(o -> o.putExecutionAttribute(WarmUpGuard.REHEARSAL, true)));
        } catch (SdkException | WarmUpGuard.Stopped e) {
            if (WarmUpGuard.stoppedRehearsal(e)) {
                return;
            }
            throw e;
        }
        throw new IllegalStateException("The warm-up's rehearsal was not stopped before the network");
    }

    /** The tokens for a right answer; a refusal as the {@code kind}'s problem. */
    static AuthenticationResultType answer(BackendConnections c, String email, String verifier, String answer, Answer kind)
            throws SignInException {
        try {
            InitiateAuthResponse started = c.cognito().initiateAuth(r -> r
                    .clientId(c.config().clientId())
                    .authFlow(AuthFlowType.CUSTOM_AUTH)
                    .authParameters(Map.of("USERNAME", email)));
            if (started.challengeName() != ChallengeNameType.CUSTOM_CHALLENGE) {
                throw new SignInException(Problem.UNEXPECTED, "The user pool answered CUSTOM_AUTH with " + started.challengeNameAsString());
            }
            RespondToAuthChallengeResponse answered = c.cognito().respondToAuthChallenge(r -> r
                    .clientId(c.config().clientId())
                    .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                    .session(started.session())
                    .challengeResponses(Map.of("USERNAME", email, "ANSWER", answer))
                    .clientMetadata(Map.of(SignInApi.CLIENT_METADATA_CODE_VERIFIER, verifier)));
            AuthenticationResultType result = answered.authenticationResult();
            if (result == null) {
                LOG.info("The {} was refused for {}: the user pool asked for another challenge", kind.noun, email);
                throw new SignInException(kind.refused, "The user pool did not accept the " + kind.noun);
            }
            return result;
        } catch (SdkException e) {
            SignInException failure = kind == Answer.LINK ? SdkFailures.linkFailure(e) : SdkFailures.codeFailure(e);
            LOG.info("The {} was refused for {}: {}", kind.noun, email, failure.problem());
            throw failure;
        }
    }
}
