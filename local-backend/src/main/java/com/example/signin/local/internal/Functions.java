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
import com.example.signin.protocol.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code lambdas} handlers, unchanged, built with their collaborator constructors and wired to
 * the local collaborators: the link store on DynamoDB Local, the SMTP mailer to the mailbox, and
 * a Cognito client pointed at this backend's own user pool endpoint (so the admin calls the
 * handlers make go through the same wire protocol as in AWS).
 */
public final class Functions implements AutoCloseable {

    /** The table of link records in DynamoDB Local. */
    public static final String LINK_TABLE = "magic-links";
    /** Requests that may wait for delivery; more get 503 (the same for every address). */
    static final int QUEUE_CAPACITY = 1_000;
    /** Deliveries tried per request, 1 s apart and doubling up to 5 s: about two and a half minutes of mail outage. */
    static final int DELIVERY_ATTEMPTS = 32;
    /** Deliveries at once: each mostly waits on DynamoDB Local, this pool and SMTP, so a few keep a burst moving. */
    static final int DELIVERY_WORKERS = 4;
    static final String SENDER_ADDRESS = "no-reply@signin.localhost.localdomain";
    private static final java.util.List<com.example.signin.protocol.Setting> FUNCTION_SETTINGS = java.util.Arrays.stream(
            com.example.signin.protocol.Setting.values()).filter(s -> s.scope() == com.example.signin.protocol.Setting.Scope.FUNCTIONS).toList();

    /**
     * What the functions are wired to.
     *
     * @param deploymentSecret the secret the table keys derive from (kept in the data folder; in AWS it
     *                         is in Secrets Manager)
     * @param settings         the deployment settings; the link base is this backend's own and the sender
     *                         defaults to a local address
     */
    public record Setting(Endpoints endpoints, String deploymentSecret, int smtpPort, Clock clock, LinkDatabase database,
                          Settings settings) {
    }

    private final Setting setting;
    private final Lazy<CognitoIdentityProviderClient> cognito;
    private final SecureRandom random = new SecureRandom();
    private final Lazy<DynamoDbClient> dynamo;
    private final Map<String, Lazy<LambdaFunction<?, ?>>> triggers = new LinkedHashMap<>();
    private final Lazy<LambdaFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> signInApi;
    private final Lazy<LambdaFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> meApi;
    private final Lazy<InProcessLinkQueue> queue;
    private final LinkKeys keys;

    private Functions(Setting setting) {
        this.setting = setting;
        this.keys = new LinkKeys(setting.deploymentSecret());
        // Building an SDK client loads thousands of classes: not on the start path.
        this.cognito = new Lazy<>(() -> CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(setting.endpoints().cognitoEndpoint()))
                .region(Region.of(setting.endpoints().region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        setting.endpoints().accessKeyId(), setting.endpoints().secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .build());
        this.dynamo = new Lazy<>(() -> {
            DynamoDbClient client = setting.database().client();
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
                VerifyAuthChallengeHandler.create(environment(), keys, dynamo.get(), setting.clock()),
                CognitoUserPoolVerifyAuthChallengeResponseEvent.class, CognitoUserPoolVerifyAuthChallengeResponseEvent.class)));
        triggers.put(Triggers.POST_AUTHENTICATION, new Lazy<>(() -> new LambdaFunction<>(Triggers.POST_AUTHENTICATION,
                new PostAuthenticationHandler(new CognitoUserDirectory(cognito.get(), random)),
                CognitoUserPoolPostAuthenticationEvent.class, CognitoUserPoolPostAuthenticationEvent.class)));
        this.queue = new Lazy<>(() -> {
            LinkDelivery delivery = LinkDeliveryHandler.createDelivery(environment(), keys, dynamo.get(),
                    new CognitoUserDirectory(cognito.get(), random), sender -> new SmtpMailer("127.0.0.1", setting.smtpPort(), sender),
                    setting.clock(), random);
            return new InProcessLinkQueue(delivery::deliver, QUEUE_CAPACITY, DELIVERY_ATTEMPTS, DELIVERY_WORKERS);
        });
        this.signInApi = new Lazy<>(() -> new LambdaFunction<>("SignInApi",
                SignInApiHandler.create(environment(), dynamo.get(), keys, queue.get(), setting.clock(), random),
                APIGatewayProxyRequestEvent.class, APIGatewayProxyResponseEvent.class));
        // GetUser goes over the wire to this backend's own pool, as the Lambda's call goes to Cognito.
        this.meApi = new Lazy<>(() -> new LambdaFunction<>("Me", new MeHandler(cognito.get(), setting.endpoints().clientId()),
                APIGatewayProxyRequestEvent.class, APIGatewayProxyResponseEvent.class));
    }

    public static Functions create(Setting setting) {
        return new Functions(setting);
    }

    /** The functions' environment, as the CDK stack sets it in AWS (docs/CONTRACTS.md). */
    Map<String, String> environment() {
        Endpoints e = setting.endpoints();
        Settings settings = setting.settings()
                .with(com.example.signin.protocol.Setting.LINK_BASE, e.linkBase(), "linkBase")
                .with(com.example.signin.protocol.Setting.SCHEME, e.scheme(), "scheme");
        if (settings.find(com.example.signin.protocol.Setting.SENDER_ADDRESS).isEmpty()) {
            settings = settings.with(com.example.signin.protocol.Setting.SENDER_ADDRESS, SENDER_ADDRESS, "senderAddress");
        }
        Map<String, String> env = new LinkedHashMap<>(settings.environment(FUNCTION_SETTINGS));
        env.put("AWS_REGION", e.region());
        env.put("LINK_TABLE", LINK_TABLE);
        env.put("USER_POOL_ID", e.userPoolId());
        env.put("MAIL_TRANSPORT", "smtp");
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(setting.smtpPort()));
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
