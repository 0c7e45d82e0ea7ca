package com.example.signin.cdk;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttribute;
import software.amazon.awscdk.services.cognito.StandardAttributes;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolTriggers;
import software.amazon.awscdk.services.cognito.ClientAttributes;
import software.amazon.awscdk.services.cognito.StandardAttributesMask;
import software.constructs.Construct;

/**
 * The user pool and the desktop app's public client. Email is the username; nobody signs
 * themselves up or types a password: the sign-in function creates accounts, and the only
 * flows are CUSTOM_AUTH (the magic link) and REFRESH_TOKEN_AUTH. The pool is retained on
 * {@code cdk destroy} because it holds the accounts.
 */
public final class SignInUserPool extends Construct {

    private final UserPool userPool;
    private final UserPoolClient client;

    public SignInUserPool(Construct scope, String id, SignInUserPoolProps props) {
        super(scope, id);
        userPool = UserPool.Builder.create(this, "Pool")
                .signInAliases(SignInAliases.builder().email(true).build())
                .signInCaseSensitive(false)
                .selfSignUpEnabled(false)
                .autoVerify(AutoVerifiedAttrs.builder().email(false).build())
                .standardAttributes(StandardAttributes.builder()
                        // Not "required": Cognito insists a client may write every required attribute, and this client must
                        // never write the address (it is the username anyway, so every account has one).
                        .email(StandardAttribute.builder().required(false).mutable(true).build())
                        .build())
                .accountRecovery(AccountRecovery.NONE)
                .mfa(Mfa.OFF)
                .featurePlan(FeaturePlan.ESSENTIALS)
                // Nobody knows or types a password, and no client allows a password flow: the sign-in function sets a long
                // random one (with all four character classes) only to move a new account to CONFIRMED. The policy is
                // strict anyway, so that a password set any other way is no weak spot.
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(16)
                        .requireDigits(true)
                        .requireLowercase(true)
                        .requireUppercase(true)
                        .requireSymbols(true)
                        .build())
                .lambdaTriggers(UserPoolTriggers.builder()
                        .preSignUp(props.preSignUp())
                        .defineAuthChallenge(props.defineAuthChallenge())
                        .createAuthChallenge(props.createAuthChallenge())
                        .verifyAuthChallengeResponse(props.verifyAuthChallengeResponse())
                        .postAuthentication(props.postAuthentication())
                        .build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        client = userPool.addClient("DesktopClient", software.amazon.awscdk.services.cognito.UserPoolClientOptions.builder()
                .userPoolClientName("desktop-app")
                .generateSecret(false)
                .authFlows(AuthFlow.builder().custom(true).build())
                .disableOAuth(true)
                .preventUserExistenceErrors(true)
                .enableTokenRevocation(true)
                .authSessionValidity(Duration.minutes(3))
                // A signed-in person must not move their account onto someone else's address (UpdateUserAttributes):
                // the client may write no attribute; email and email_verified are set by the functions only.
                .writeAttributes(new ClientAttributes())
                .readAttributes(new ClientAttributes().withStandardAttributes(StandardAttributesMask.builder()
                        .email(true).emailVerified(true).build()))
                .idTokenValidity(Duration.minutes(props.idTokenMinutes()))
                .accessTokenValidity(Duration.minutes(props.accessTokenMinutes()))
                .refreshTokenValidity(Duration.days(props.refreshTokenDays()))
                .build());
    }

    public UserPool userPool() {
        return userPool;
    }

    public UserPoolClient client() {
        return client;
    }
}
