package com.example.signin.lambdas;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.example.signin.lambdas.internal.AwsClients;
import com.example.signin.lambdas.internal.Environment;
import com.example.signin.lambdas.internal.LambdaWiring;
import com.example.signin.lambdas.internal.SdkPriming;
import com.example.signin.lambdas.service.CognitoUserDirectory;
import com.example.signin.lambdas.service.LinkDelivery;
import com.example.signin.lambdas.service.MailSender;
import com.example.signin.lambdas.service.UserDirectory;
import com.example.signin.lambdas.service.LinkKeys;
import com.example.signin.lambdas.service.LinkRequest;
import com.example.signin.lambdas.service.LinkStore;
import com.example.signin.lambdas.service.MagicLinkSettings;
import com.example.signin.lambdas.service.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The delivery worker in AWS: SQS messages of the link queue, each handed to
 * {@link LinkDelivery}. A message that fails is reported as a batch item failure, so SQS
 * redelivers only it; after the queue's receive limit it moves to the dead-letter queue (alarmed).
 * A message that is not a link request is logged and dropped (a retry cannot help).
 */
public final class LinkDeliveryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(LinkDeliveryHandler.class);

    private final LinkDelivery delivery;
    private final SdkPriming priming;

    /** Lambda entry: reads the environment once (see docs/CONTRACTS.md) and builds the SDK clients. */
    public LinkDeliveryHandler() {
        Environment env = Environment.system();
        AwsClients aws = new AwsClients(env);
        DynamoDbClient dynamo = aws.dynamo();
        CognitoIdentityProviderClient cognito = aws.cognito();
        SesV2Client[] ses = new SesV2Client[1];
        Mailer mailer = LambdaWiring.mailer(env, () -> ses[0] = aws.ses());
        MagicLinkSettings settings = LambdaWiring.settings(env);
        SecureRandom random = new SecureRandom();
        this.delivery = new LinkDelivery(settings, LambdaWiring.linkKeys(env, aws::secretsManager),
                new LinkStore(dynamo, LambdaWiring.linkTable(env)), new CognitoUserDirectory(cognito, random), mailer,
                Clock.systemUTC(), random);
        SdkPriming prime = new SdkPriming().dynamo(dynamo, LambdaWiring.linkTable(env)).cognito(cognito, settings.userPoolId());
        this.priming = (ses[0] != null ? prime.ses(ses[0]) : prime).register();
    }

    /**
     * Builds the worker the way the function does, from environment variables (the settings,
     * {@code LINK_TABLE}, {@code USER_POOL_ID}, the sender), with the caller's keys, DynamoDB
     * client, user directory and mail transport: for the local backend and tests.
     *
     * @param mailer the transport, given the sender the environment names
     */
    public static LinkDelivery createDelivery(Map<String, String> environment, LinkKeys keys, DynamoDbClient dynamo,
                                              UserDirectory directory, Function<MailSender, Mailer> mailer, Clock clock,
                                              SecureRandom random) {
        Environment env = new Environment(environment);
        return new LinkDelivery(LambdaWiring.settings(env), keys, new LinkStore(dynamo, LambdaWiring.linkTable(env)), directory,
                mailer.apply(LambdaWiring.mailSender(env)), clock, random);
    }

    public LinkDeliveryHandler(LinkDelivery delivery) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.priming = null;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
            LinkRequest request;
            try {
                request = LinkRequest.fromJson(message.getBody());
            } catch (IllegalArgumentException e) {
                LOG.error("Dropping message {}: not a link request ({})", message.getMessageId(), e.getMessage());
                continue;
            }
            try {
                delivery.deliver(request);
            } catch (RuntimeException e) {
                LOG.error("Delivery of {} failed; SQS will retry it", request, e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
