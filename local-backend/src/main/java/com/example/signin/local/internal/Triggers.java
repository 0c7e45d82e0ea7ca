package com.example.signin.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** The Lambda triggers of the user pool, by Cognito's trigger names. */
public interface Triggers {

    String PRE_SIGN_UP = "PreSignUp";
    String DEFINE_AUTH_CHALLENGE = "DefineAuthChallenge";
    String CREATE_AUTH_CHALLENGE = "CreateAuthChallenge";
    String VERIFY_AUTH_CHALLENGE_RESPONSE = "VerifyAuthChallengeResponse";
    String POST_AUTHENTICATION = "PostAuthentication";

    /**
     * Runs trigger {@code name} on the event JSON Cognito would send and returns the event JSON
     * it answers; empty when the pool has no such trigger.
     *
     * @throws LambdaFunction.FunctionError when the function fails
     */
    Optional<JsonNode> run(String name, ObjectNode event);

    /** A pool without triggers. */
    Triggers NONE = (name, event) -> Optional.empty();
}
