package com.example.signin.cdk;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/** {@code cdk synth} / {@code cdk deploy} entry point (see cdk.json): settings from context, one stack. */
public final class SignInApp {

    public static final String STACK_NAME = "MagicLinkSignIn";

    private SignInApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        try {
            MagicLinkBackendProps settings = MagicLinkBackendProps.fromContext(app.getNode()::tryGetContext);
            new SignInStack(app, STACK_NAME, StackProps.builder()
                    .description("Passwordless magic-link sign-in for the desktop app (Cognito, Lambda, DynamoDB, SES, API Gateway)")
                    .build(), settings);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        app.synth();
    }
}
