package com.example.signin.lambdas;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.example.signin.lambdas.internal.AwsClients;
import com.example.signin.lambdas.internal.Environment;
import com.example.signin.lambdas.internal.SdkPriming;
import com.example.signin.lambdas.service.CognitoUserDirectory;
import com.example.signin.lambdas.service.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;

/**
 * Post authentication trigger: signing in through the emailed link proves the address, so it
 * sets {@code email_verified=true} when it is not yet. The pool id comes in the event.
 */
public final class PostAuthenticationHandler
        implements RequestHandler<CognitoUserPoolPostAuthenticationEvent, CognitoUserPoolPostAuthenticationEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(PostAuthenticationHandler.class);

    private final UserDirectory directory;
    private final SdkPriming priming;

    public PostAuthenticationHandler() {
        CognitoIdentityProviderClient cognito = new AwsClients(Environment.system()).cognito();
        this.directory = new CognitoUserDirectory(cognito, new SecureRandom());
        // SnapStart: prime the Cognito client's request path before the snapshot, without a network call.
        this.priming = new SdkPriming().cognito(cognito, "eu-west-1_priming").register();
    }

    public PostAuthenticationHandler(UserDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.priming = null;
    }

    @Override
    public CognitoUserPoolPostAuthenticationEvent handleRequest(CognitoUserPoolPostAuthenticationEvent event, Context context) {
        Map<String, String> attributes = event.getRequest() == null ? null : event.getRequest().getUserAttributes();
        boolean verified = attributes != null && "true".equalsIgnoreCase(attributes.get("email_verified"));
        if (!verified) {
            directory.markEmailVerified(event.getUserPoolId(), event.getUserName());
            LOG.info("Marked the email address of a user verified after their first link sign-in");
        }
        return event;
    }
}
