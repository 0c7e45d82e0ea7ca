package com.example.signin.lambdas.internal;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SnapStart priming: before the snapshot, runs one read-only request per SDK client through
 * marshalling and signing (stopped by {@link PrimingInterceptor} before the network), so the
 * restored function starts with those classes loaded and initialised.
 */
public final class SdkPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SdkPriming.class);
    // org.crac holds resources weakly; this keeps them for the life of the container.
    private static final List<SdkPriming> REGISTERED = new CopyOnWriteArrayList<>();

    private final List<Runnable> primers = new ArrayList<>();

    /** Registers this priming with the global CRaC context (a no-op outside SnapStart). */
    public SdkPriming register() {
        REGISTERED.add(this);
        Core.getGlobalContext().register(this);
        return this;
    }

    /** Runs the priming of every registered instance, as a checkpoint would; for a smoke test. */
    public static int primeRegistered() {
        int completed = 0;
        for (SdkPriming priming : REGISTERED) {
            completed += priming.prime();
        }
        return completed;
    }

    public SdkPriming dynamo(DynamoDbClient dynamo, String table) {
        primers.add(() -> dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.builder().s("priming").build(), "sk", AttributeValue.builder().s("priming").build()))
                .overrideConfiguration(priming())));
        return this;
    }

    public SdkPriming cognito(CognitoIdentityProviderClient cognito, String userPoolId) {
        primers.add(() -> cognito.listUsers(b -> b.userPoolId(userPoolId)
                .filter("email = \"priming@example.com\"")
                .overrideConfiguration(priming())));
        return this;
    }

    /** GetUser, authorised by the access token alone (no signing), as {@code GET /me} calls it. */
    public SdkPriming cognitoGetUser(CognitoIdentityProviderClient cognito) {
        primers.add(() -> cognito.getUser(b -> b.accessToken("priming").overrideConfiguration(priming())));
        return this;
    }

    public SdkPriming sqs(SqsClient sqs, String queueUrl) {
        primers.add(() -> sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("priming").overrideConfiguration(priming())));
        return this;
    }

    public SdkPriming ses(SesV2Client ses) {
        primers.add(() -> ses.getAccount(b -> b.overrideConfiguration(priming())));
        return this;
    }

    /**
     * Runs every primer; never throws.
     *
     * @return how many requests went all the way to the point of transmission
     */
    public int prime() {
        int completed = 0;
        for (Runnable primer : primers) {
            try {
                primer.run();
                LOG.warn("A priming request was not stopped before transmission");
            } catch (RuntimeException e) {
                if (stoppedByPriming(e)) {
                    completed++;
                } else {
                    LOG.warn("Priming step failed; the function still works, its first call is slower", e);
                }
            }
        }
        return completed;
    }

    private static boolean stoppedByPriming(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PrimingInterceptor.PrimingComplete) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: the SDK clients open connections lazily
    }

    private static AwsRequestOverrideConfiguration priming() {
        return AwsRequestOverrideConfiguration.builder()
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("PRIMING", "priming")))
                .putExecutionAttribute(PrimingInterceptor.PRIMING, Boolean.TRUE)
                .build();
    }
}
