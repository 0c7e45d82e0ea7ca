package com.example.signin.systemtests;

import com.example.signin.lambdas.LinkDeliveryHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.signin.lambdas.SignInApiHandler;
import com.example.signin.lambdas.service.CognitoUserDirectory;
import com.example.signin.lambdas.service.InProcessLinkQueue;
import com.example.signin.lambdas.service.LinkDelivery;
import com.example.signin.lambdas.service.LinkKeys;
import com.example.signin.lambdas.service.LinkQueueFullException;
import com.example.signin.lambdas.service.MagicLinkSettings;
import com.example.signin.lambdas.service.LinkStore;
import com.example.signin.lambdas.service.MailSender;
import com.example.signin.lambdas.service.SmtpMailer;
import com.example.signin.local.Endpoints;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import com.example.signin.protocol.Setting;
import com.example.signin.protocol.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The sign-in API handler built the way the local backend builds it (the settings catalog's
 * defaults as environment variables, the same {@code lambdas} classes, an in-process queue with the
 * delivery worker) but with parts a test controls: its own DynamoDB Local and an SMTP port of the
 * test's choosing. Accounts live in a running local backend's user pool, reached over its Cognito
 * endpoint.
 */
final class InProcessSignInApi implements AutoCloseable {

    static final String TABLE = "magic-links";
    static final LinkKeys KEYS = new LinkKeys("system-tests-deployment-secret-0123456789");

    private final AmazonDynamoDBLocal database;
    private final SignInApiHandler handler;
    private final LinkStore store;
    private final InProcessLinkQueue queue;
    /** While set, the queue takes nothing (as a full or unreachable queue would). */
    volatile boolean queueRefuses;

    InProcessSignInApi(Path dbFile, RunningBackend backend, int smtpPort, Clock clock) {
        this(dbFile, backend, smtpPort, clock, Settings.defaults());
    }

    InProcessSignInApi(Path dbFile, RunningBackend backend, int smtpPort, Clock clock, Settings overrides) {
        // Telemetry off (the second argument): nothing here leaves the machine.
        this.database = DynamoDBEmbedded.create(dbFile.toFile(), Boolean.TRUE);
        DynamoDbClient dynamo = database.dynamoDbClient();
        LinkStore.createTable(dynamo, TABLE);
        this.store = new LinkStore(dynamo, TABLE);
        Endpoints e = backend.endpoints();
        Settings settings = overrides
                .with(Setting.SCHEME, e.scheme(), "scheme")
                .with(Setting.LINK_BASE, e.linkBase(), "linkBase")
                .with(Setting.SENDER_ADDRESS, "no-reply@signin.example", "senderAddress")
                .with(Setting.SENDER_NAME, "Sign-in (system tests)", "senderName");
        Map<String, String> env = new LinkedHashMap<>(settings.environment(List.of(Setting.values())));
        env.put("AWS_REGION", e.region());
        env.put("LINK_TABLE", TABLE);
        env.put("USER_POOL_ID", e.userPoolId());
        SecureRandom random = new SecureRandom();
        LinkDelivery delivery = LinkDeliveryHandler.createDelivery(env, KEYS, dynamo, new CognitoUserDirectory(backend.cognito(), random),
                sender -> new SmtpMailer("127.0.0.1", smtpPort, sender), clock, random);
        // Room for every request a property test makes; the retries cover a mail outage of about five minutes.
        this.queue = new InProcessLinkQueue(delivery::deliver, 200_000, 60, 1);
        this.handler = SignInApiHandler.create(env, dynamo, KEYS, request -> {
            if (queueRefuses) {
                throw new LinkQueueFullException("The test made the queue refuse", null);
            }
            queue.enqueue(request);
        }, clock, random);
    }

    APIGatewayProxyResponseEvent post(String body) {
        return handle("POST", body, false);
    }

    APIGatewayProxyResponseEvent handle(String method, String body, boolean base64) {
        return handler.handleRequest(new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withPath("/signin")
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body)
                .withIsBase64Encoded(base64), null);
    }

    /** The link store the handler writes to (to look at what a request left behind). */
    LinkStore store() {
        return store;
    }

    /** Waits until every queued request is delivered or given up; whether it came to rest in time. */
    boolean awaitDeliveries(Duration timeout) {
        return queue.awaitIdle(timeout);
    }

    @Override
    public void close() {
        queue.close();
        database.shutdown();
    }
}
