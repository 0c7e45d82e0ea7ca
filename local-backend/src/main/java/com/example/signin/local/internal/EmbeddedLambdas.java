package com.example.signin.local.internal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import com.example.signin.lambdas.CreateAuthChallengeHandler;
import com.example.signin.lambdas.DefineAuthChallengeHandler;
import com.example.signin.lambdas.LinkDeliveryHandler;
import com.example.signin.lambdas.MeHandler;
import com.example.signin.lambdas.PostAuthenticationHandler;
import com.example.signin.lambdas.PreSignUpHandler;
import com.example.signin.lambdas.SignInApiHandler;
import com.example.signin.lambdas.VerifyAuthChallengeHandler;
import com.example.signin.lambdas.service.CognitoUserDirectory;
import com.example.signin.lambdas.service.InProcessLinkQueue;
import com.example.signin.lambdas.service.LinkDelivery;
import com.example.signin.lambdas.service.LinkKeys;
import com.example.signin.lambdas.service.LinkStore;
import com.example.signin.lambdas.service.SmtpMailer;
import com.example.signin.local.Endpoints;
import com.example.signin.protocol.Setting;
import com.example.signin.protocol.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code lambdas} handlers, unchanged, built with their collaborator constructors and wired to
 * the local collaborators: the link store on DynamoDB Local, the SMTP mailer to the mailbox, and
 * a Cognito client pointed at this backend's own user pool endpoint (so the admin calls the
 * handlers make go through the same wire protocol as in AWS).
 */
public final class EmbeddedLambdas implements AutoCloseable {

    /** The table of link records in DynamoDB Local. */
    public static final String LINK_TABLE = "magic-links";
    /** Requests that may wait for delivery; more get 503 (the same for every address). */
    static final int QUEUE_CAPACITY = 1_000;
    /** Deliveries tried per request, 1 s apart and doubling up to 5 s: about two and a half minutes of mail outage. */
    static final int DELIVERY_ATTEMPTS = 32;
    /** Deliveries at once: each mostly waits on DynamoDB Local, this pool and SMTP, so a few keep a burst moving. */
    static final int DELIVERY_WORKERS = 4;
    static final String SENDER_ADDRESS = "no-reply@signin.localhost.localdomain";
    private static final List<Setting> FUNCTION_SETTINGS = Arrays.stream(
            Setting.values()).filter(s -> s.scope() == Setting.Scope.FUNCTIONS).toList();

    /**
     * What the functions are wired to.
     *
     * @param deploymentSecret the secret the table keys derive from (kept in the data folder; in AWS it
     *                         is in Secrets Manager)
     * @param mailboxPort      the mailbox's SMTP port, asked for when a function is built (it may wait for the mailbox)
     * @param settings         the deployment settings; the link base is this backend's own and the sender
     *                         defaults to a local address
     * @param userPool         the pool the functions' Cognito client calls, in process (built after the
     *                         functions: the pool runs them as its triggers)
     */
    public record Wiring(Endpoints endpoints, String deploymentSecret, IntSupplier mailboxPort, Clock clock, LinkDatabase database,
                          Settings settings, Supplier<UserPoolEndpoint> userPool) {

        /** The mailbox's SMTP port; waits for the mailbox, which starts after the backend answers. */
        public int smtpPort() {
            return mailboxPort.getAsInt();
        }
    }

    private final Wiring wiring;
    private final Lazy<CognitoIdentityProviderClient> cognito;
    private final SecureRandom random = new SecureRandom();
    private final Lazy<DynamoDbClient> dynamo;
    private final Map<String, Lazy<LambdaFunction<?, ?>>> triggers = new LinkedHashMap<>();
    private final Lazy<LambdaFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> signInApi;
    private final Lazy<LambdaFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> meApi;
    private final Lazy<InProcessLinkQueue> queue;
    /** The queue's mailer, once built: its kept SMTP connections are closed with the backend. */
    private volatile SmtpMailer mailer;
    private final LinkKeys keys;

    private EmbeddedLambdas(Wiring wiring) {
        this.wiring = wiring;
        this.keys = new LinkKeys(wiring.deploymentSecret());
        // Building an SDK client loads thousands of classes: not on the start path. Its calls never leave the
        // process (InProcessUserPoolClient), where no signature is checked, so they go unsigned: anonymous
        // credentials make the SDK skip SigV4, which cost about a tenth of a link request's CPU.
        this.cognito = new Lazy<>(() -> CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(wiring.endpoints().cognitoEndpoint()))
                .region(Region.of(wiring.endpoints().region()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(new InProcessUserPoolClient(wiring.userPool()))
                .build());
        this.dynamo = new Lazy<>(() -> {
            DynamoDbClient client = wiring.database().client();
            LinkStore.createTable(client, LINK_TABLE);
            return client;
        });
        triggers.put(Triggers.PRE_SIGN_UP, new Lazy<>(() -> new LambdaFunction<>(Triggers.PRE_SIGN_UP,
                PreSignUpHandler.create(environment()),
                CognitoUserPoolPreSignUpEvent.class, CognitoUserPoolPreSignUpEvent.class)));
        triggers.put(Triggers.DEFINE_AUTH_CHALLENGE, new Lazy<>(() -> new LambdaFunction<>(Triggers.DEFINE_AUTH_CHALLENGE,
                new DefineAuthChallengeHandler(),
                CognitoUserPoolDefineAuthChallengeEvent.class, CognitoUserPoolDefineAuthChallengeEvent.class)));
        triggers.put(Triggers.CREATE_AUTH_CHALLENGE, new Lazy<>(() -> new LambdaFunction<>(Triggers.CREATE_AUTH_CHALLENGE,
                new CreateAuthChallengeHandler(),
                CognitoUserPoolCreateAuthChallengeEvent.class, CognitoUserPoolCreateAuthChallengeEvent.class)));
        triggers.put(Triggers.VERIFY_AUTH_CHALLENGE_RESPONSE, new Lazy<>(() -> new LambdaFunction<>(
                Triggers.VERIFY_AUTH_CHALLENGE_RESPONSE,
                VerifyAuthChallengeHandler.create(environment(), keys, dynamo.get(), wiring.clock()),
                CognitoUserPoolVerifyAuthChallengeResponseEvent.class, CognitoUserPoolVerifyAuthChallengeResponseEvent.class)));
        triggers.put(Triggers.POST_AUTHENTICATION, new Lazy<>(() -> new LambdaFunction<>(Triggers.POST_AUTHENTICATION,
                new PostAuthenticationHandler(new CognitoUserDirectory(cognito.get(), random)),
                CognitoUserPoolPostAuthenticationEvent.class, CognitoUserPoolPostAuthenticationEvent.class)));
        this.queue = new Lazy<>(() -> {
            LinkDelivery delivery = LinkDeliveryHandler.createDelivery(environment(), keys, dynamo.get(),
                    new CognitoUserDirectory(cognito.get(), random), sender -> mailer = new SmtpMailer("127.0.0.1", wiring.smtpPort(), sender),
                    wiring.clock(), random);
            return new InProcessLinkQueue(delivery::deliver, QUEUE_CAPACITY, DELIVERY_ATTEMPTS, DELIVERY_WORKERS);
        });
        this.signInApi = new Lazy<>(() -> new LambdaFunction<>("SignInApi",
                SignInApiHandler.create(environment(), dynamo.get(), keys, queue.get(), wiring.clock(), random),
                APIGatewayProxyRequestEvent.class, APIGatewayProxyResponseEvent.class));
        // GetUser goes over the wire to this backend's own pool, as the Lambda's call goes to Cognito.
        this.meApi = new Lazy<>(() -> new LambdaFunction<>("Me", new MeHandler(cognito.get(), wiring.endpoints().clientId()),
                APIGatewayProxyRequestEvent.class, APIGatewayProxyResponseEvent.class));
    }

    public static EmbeddedLambdas create(Wiring wiring) {
        return new EmbeddedLambdas(wiring);
    }

    /** The functions' environment, as the CDK stack sets it in AWS (docs/CONTRACTS.md). */
    Map<String, String> environment() {
        Endpoints e = wiring.endpoints();
        Settings settings = wiring.settings()
                .with(Setting.LINK_BASE, e.linkBase(), "linkBase")
                .with(Setting.SCHEME, e.scheme(), "scheme");
        if (settings.find(Setting.SENDER_ADDRESS).isEmpty()) {
            settings = settings.with(Setting.SENDER_ADDRESS, SENDER_ADDRESS, "senderAddress");
        }
        Map<String, String> env = new LinkedHashMap<>(settings.environment(FUNCTION_SETTINGS));
        env.put("AWS_REGION", e.region());
        env.put("LINK_TABLE", LINK_TABLE);
        env.put("USER_POOL_ID", e.userPoolId());
        env.put("MAIL_TRANSPORT", "smtp");
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(wiring.smtpPort()));
        return env;
    }

    public Triggers triggers() {
        return this::runTrigger;
    }

    @SuppressWarnings("unchecked")
    private Optional<JsonNode> runTrigger(String name, ObjectNode event) {
        Lazy<LambdaFunction<?, ?>> function = triggers.get(name);
        if (function == null) {
            return Optional.empty();
        }
        return Optional.of(function.get().invoke(event));
    }

    /** The sign-in function; the first call waits for DynamoDB Local. */
    public LambdaFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> signInApi() {
        return signInApi.get();
    }

    /** The function of {@code GET /me}. */
    public LambdaFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> meApi() {
        return meApi.get();
    }

    /**
     * Waits until every link request answered so far is delivered (or given up); the request path
     * itself never waits.
     */
    public boolean awaitDeliveries(Duration timeout) {
        return queue.get().awaitIdle(timeout);
    }

    /** Builds the expensive parts now (tests and the benchmark; the first request does it otherwise). */
    public void warmUp() {
        signInApi.get();
        triggers.values().forEach(Lazy::get);
    }

    @Override
    public void close() {
        queue.ifBuilt(InProcessLinkQueue::close);
        SmtpMailer built = mailer;
        if (built != null) {
            built.close();
        }
        cognito.ifBuilt(CognitoIdentityProviderClient::close);
    }

    /** A value built once, on first use, by whichever thread gets there first; a failure is retried. */
    private static final class Lazy<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        T get() {
            T v = value;
            if (v != null) {
                return v;
            }
            synchronized (this) {
                if (value == null) {
                    value = factory.get();
                }
                return value;
            }
        }

        void ifBuilt(java.util.function.Consumer<T> action) {
            T v = value;
            if (v != null) {
                action.accept(v);
            }
        }
    }
}
