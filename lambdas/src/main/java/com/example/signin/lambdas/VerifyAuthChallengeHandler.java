package com.example.signin.lambdas;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import com.example.signin.lambdas.internal.AwsClients;
import com.example.signin.lambdas.internal.Environment;
import com.example.signin.lambdas.internal.LambdaWiring;
import com.example.signin.lambdas.internal.SdkPriming;
import com.example.signin.lambdas.service.LinkKeys;
import com.example.signin.lambdas.service.LinkVerifier;
import com.example.signin.protocol.SignInApi;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Verify auth challenge response trigger: {@link LinkVerifier} with the answer (the link's
 * secret) and the code verifier from the client metadata. A secret that matches no record gives
 * {@code answerCorrect=false} and changes nothing; a matching secret that cannot sign in fails the invocation with a
 * {@link com.example.signin.lambdas.service.LinkRefusalException} whose message is the refusal
 * code. Reads {@code LINK_TABLE}, {@code DEPLOYMENT_SECRET_ARN}, {@code MAX_FAILED_ATTEMPTS}.
 */
public final class VerifyAuthChallengeHandler implements
        RequestHandler<CognitoUserPoolVerifyAuthChallengeResponseEvent, CognitoUserPoolVerifyAuthChallengeResponseEvent> {

    private final LinkVerifier verifier;
    private final SdkPriming priming;

    public VerifyAuthChallengeHandler() {
        Environment env = Environment.system();
        AwsClients aws = new AwsClients(env);
        DynamoDbClient dynamo = aws.dynamo();
        this.verifier = LambdaWiring.linkVerifier(env, LambdaWiring.linkKeys(env, aws::secretsManager), dynamo, Clock.systemUTC());
        // SnapStart: prime the DynamoDB client's request path before the snapshot, without a network call.
        this.priming = new SdkPriming().dynamo(dynamo, LambdaWiring.linkTable(env)).register();
    }

    public VerifyAuthChallengeHandler(LinkVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.priming = null;
    }

    /**
     * Builds the handler the way the Lambda does, from environment variables ({@code LINK_TABLE},
     * {@code MAX_FAILED_ATTEMPTS}), with the caller's keys and DynamoDB client: for the local backend.
     */
    public static VerifyAuthChallengeHandler create(Map<String, String> environment, LinkKeys keys, DynamoDbClient dynamo,
                                                    Clock clock) {
        return new VerifyAuthChallengeHandler(LambdaWiring.linkVerifier(new Environment(environment), keys, dynamo, clock));
    }

    @Override
    public CognitoUserPoolVerifyAuthChallengeResponseEvent handleRequest(
            CognitoUserPoolVerifyAuthChallengeResponseEvent event, Context context) {
        CognitoUserPoolVerifyAuthChallengeResponseEvent.Request request = event.getRequest();
        boolean correct = false;
        if (request != null && !request.getUserNotFound()) {
            Map<String, String> attributes = request.getUserAttributes();
            String email = attributes != null && attributes.get("email") != null ? attributes.get("email") : event.getUserName();
            Map<String, String> metadata = request.getClientMetadata();
            String codeVerifier = metadata == null ? null : metadata.get(SignInApi.CLIENT_METADATA_CODE_VERIFIER);
            correct = verifier.verify(email, request.getChallengeAnswer(), codeVerifier);
        }
        CognitoUserPoolVerifyAuthChallengeResponseEvent.Response response = event.getResponse();
        if (response == null) {
            response = new CognitoUserPoolVerifyAuthChallengeResponseEvent.Response();
            event.setResponse(response);
        }
        response.setAnswerCorrect(correct);
        return event;
    }
}
