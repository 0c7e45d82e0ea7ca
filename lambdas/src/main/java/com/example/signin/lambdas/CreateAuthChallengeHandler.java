package com.example.signin.lambdas;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.example.signin.lambdas.service.AuthChallengeRules;

import java.util.Map;

/**
 * Create auth challenge trigger. The secret travels by email, not through Cognito, so the
 * challenge only names the method: no secret in the public or private parameters. Reads no
 * environment.
 */
public final class CreateAuthChallengeHandler
        implements RequestHandler<CognitoUserPoolCreateAuthChallengeEvent, CognitoUserPoolCreateAuthChallengeEvent> {

    static final String PARAMETER = "method";

    public CreateAuthChallengeHandler() {
        // nothing to configure
    }

    @Override
    public CognitoUserPoolCreateAuthChallengeEvent handleRequest(CognitoUserPoolCreateAuthChallengeEvent event, Context context) {
        CognitoUserPoolCreateAuthChallengeEvent.Response response = event.getResponse();
        if (response == null) {
            response = new CognitoUserPoolCreateAuthChallengeEvent.Response();
            event.setResponse(response);
        }
        response.setPublicChallengeParameters(Map.of(PARAMETER, AuthChallengeRules.CHALLENGE_METADATA));
        response.setPrivateChallengeParameters(Map.of(PARAMETER, AuthChallengeRules.CHALLENGE_METADATA));
        response.setChallengeMetadata(AuthChallengeRules.CHALLENGE_METADATA);
        return event;
    }
}
