package com.example.signin.lambdas;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.example.signin.lambdas.service.AuthChallengeRules;

import java.util.ArrayList;
import java.util.List;

/** Define auth challenge trigger: the flow of {@link AuthChallengeRules}. Reads no environment. */
public final class DefineAuthChallengeHandler
        implements RequestHandler<CognitoUserPoolDefineAuthChallengeEvent, CognitoUserPoolDefineAuthChallengeEvent> {

    public DefineAuthChallengeHandler() {
        // nothing to configure
    }

    @Override
    public CognitoUserPoolDefineAuthChallengeEvent handleRequest(CognitoUserPoolDefineAuthChallengeEvent event, Context context) {
        CognitoUserPoolDefineAuthChallengeEvent.Request request = event.getRequest();
        List<AuthChallengeRules.Round> rounds = new ArrayList<>();
        boolean userNotFound = false;
        if (request != null) {
            userNotFound = request.getUserNotFound();
            if (request.getSession() != null) {
                for (CognitoUserPoolDefineAuthChallengeEvent.ChallengeResult round : request.getSession()) {
                    rounds.add(new AuthChallengeRules.Round(round.getChallengeName(), round.getChallengeResult()));
                }
            }
        }
        AuthChallengeRules.Decision decision = AuthChallengeRules.define(rounds, userNotFound);
        CognitoUserPoolDefineAuthChallengeEvent.Response response = event.getResponse();
        if (response == null) {
            response = new CognitoUserPoolDefineAuthChallengeEvent.Response();
            event.setResponse(response);
        }
        response.setChallengeName(decision.challengeName());
        response.setIssueTokens(decision.issueTokens());
        response.setFailAuthentication(decision.failAuthentication());
        return event;
    }
}
