package com.example.signin.systemtests;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.example.signin.lambdas.SignInApiHandler;

/** Child JVM on the shaded lambdas.jar: builds the sign-in function from its environment and answers one request. */
public final class ShadedJarSmtp {

    private ShadedJarSmtp() {
    }

    public static void main(String[] args) {
        SignInApiHandler api = new SignInApiHandler();
        System.out.println("status=" + api.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET"), null).getStatusCode());
    }
}
