package com.example.signin.lambdas.driver;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.example.signin.lambdas.CreateAuthChallengeHandler;
import com.example.signin.lambdas.DefineAuthChallengeHandler;
import com.example.signin.lambdas.PostAuthenticationHandler;
import com.example.signin.lambdas.PreSignUpHandler;
import com.example.signin.lambdas.LinkDeliveryHandler;
import com.example.signin.lambdas.MeHandler;
import com.example.signin.lambdas.SignInApiHandler;
import com.example.signin.lambdas.VerifyAuthChallengeHandler;
import com.example.signin.lambdas.internal.SdkPriming;

/**
 * Run in a child JVM with only the shrunk Lambda jar (and this class): builds every handler the way
 * Lambda does, primes as a SnapStart checkpoint would, and answers one request.
 */
public final class ShadedJarSmoke {

    private ShadedJarSmoke() {
    }

    public static void main(String[] args) throws Exception {
        FakeSecretsManager secrets = FakeSecretsManager.start();
        try {
            new PreSignUpHandler();
            new DefineAuthChallengeHandler();
            new CreateAuthChallengeHandler();
            new VerifyAuthChallengeHandler();
            new PostAuthenticationHandler();
            SignInApiHandler api = new SignInApiHandler();
            new LinkDeliveryHandler();
            new MeHandler();
            int primed = SdkPriming.primeRegistered();
            int status = api.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET"), null).getStatusCode();
            System.out.println("primed=" + primed + " status=" + status + " secretReads=" + secrets.reads());
        } finally {
            secrets.stop();
        }
    }
}
