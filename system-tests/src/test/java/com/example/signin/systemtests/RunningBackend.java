package com.example.signin.systemtests;

import com.example.signin.fx.internal.client.CognitoSignInClient;
import com.example.signin.fx.MagicLinkConfig;
import com.example.signin.fx.internal.config.ClientConfigReader;
import com.example.signin.fx.internal.platform.PendingSignInStore;
import com.example.signin.fx.internal.platform.TokenStore;
import com.example.signin.local.Endpoints;
import com.example.signin.local.LocalBackend;
import com.example.signin.local.LocalBackendOptions;
import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.SignInApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import com.example.signin.protocol.Settings;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

/**
 * One embedded local backend on a data folder, and the clients a test talks to it with: the
 * unmodified AWS SDK (as the app), OkHttp for the sign-in API (as the app) and the mailbox API
 * (as a person reading mail). One per test class: starting costs seconds.
 */
final class RunningBackend implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType APPLICATION_JSON = MediaType.get("application/json");

    private final Path dataDir;
    private final Clock clock;
    private final Settings settings;
    private LocalBackend backend;
    private Endpoints endpoints;
    private CognitoIdentityProviderClient cognito;
    private final OkHttpClient http;
    private MagicLinkFormat links;

    private RunningBackend(Path dataDir, Clock clock, Settings settings) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.settings = settings;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(256);
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(64, 1, java.util.concurrent.TimeUnit.MINUTES))
                .callTimeout(Duration.ofSeconds(90))
                .readTimeout(Duration.ofSeconds(90))
                .followRedirects(false)
                .build();
    }

    /** Starts a backend on {@code dataDir} and waits until DynamoDB Local and the functions are up. */
    static RunningBackend start(Path dataDir, Clock clock) throws IOException {
        return start(dataDir, clock, Settings.defaults());
    }

    /** As {@link #start(Path, Clock)}, with deployment settings (the same keys as cdk.json's context). */
    static RunningBackend start(Path dataDir, Clock clock, Settings settings) throws IOException {
        RunningBackend running = new RunningBackend(dataDir, clock, settings);
        running.startBackend();
        return running;
    }

    private void startBackend() throws IOException {
        backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).port(0).clock(clock).settings(settings).build());
        backend.awaitWarm();
        endpoints = backend.endpoints();
        cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(endpoints.cognitoEndpoint()))
                .region(Region.of(endpoints.region()))
                // The backend's own key (as its embedded functions use): Admin* calls must be signed with it.
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(endpoints.accessKeyId(), endpoints.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(90)).build())
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()))
                .build();
        links = new MagicLinkFormat(endpoints.scheme(), endpoints.linkBase());
    }

    /** Stops the backend and starts it again on the same data folder (the port of the last run if free). */
    void restart() throws IOException {
        stopBackend();
        startBackend();
    }

    Endpoints endpoints() {
        return endpoints;
    }

    CognitoIdentityProviderClient cognito() {
        return cognito;
    }

    OkHttpClient http() {
        return http;
    }

    Path dataDir() {
        return dataDir;
    }

    /** The app's configuration, read from {@code endpoints.json} the way the app reads {@code --config}. */
    MagicLinkConfig clientConfig() {
        try {
            return new ClientConfigReader().read(dataDir.resolve(LocalBackend.ENDPOINTS_FILE));
        } catch (Exception e) {
            throw new IllegalStateException("endpoints.json is not a valid app configuration", e);
        }
    }

    /** The desktop app's real sign-in client on {@code appDataDir}, refresh token in a 0600 file there. */
    CognitoSignInClient app(Path appDataDir, Clock appClock) {
        return new CognitoSignInClient(CompletableFuture.completedFuture(clientConfig()), new PendingSignInStore(appDataDir),
                () -> new TokenStore.FileTokenStore(appDataDir.resolve(TokenStore.FILE_NAME)), appClock, Locale.ENGLISH);
    }

    /** The body the app sends for {@code email} and {@code verifier}. */
    static String requestBody(String email, String verifier) {
        ObjectNode body = JSON.createObjectNode();
        body.put(SignInApi.FIELD_EMAIL, email);
        body.put(SignInApi.FIELD_CODE_CHALLENGE, CodeChallenge.s256(verifier));
        body.put(SignInApi.FIELD_CODE_CHALLENGE_METHOD, CodeChallenge.METHOD_S256);
        body.put(SignInApi.FIELD_LOCALE, "en");
        return body.toString();
    }

    /** {@code POST {apiUrl}/signin}; the caller closes the response. */
    Response postSignIn(String body) throws IOException {
        return http.newCall(new Request.Builder().url(endpoints.apiUrl() + SignInApi.SIGN_IN_PATH)
                .post(RequestBody.create(body, APPLICATION_JSON)).build()).execute();
    }

    /** Asks for a link as the app does; the status. */
    int requestLink(String email, String verifier) throws IOException {
        try (Response response = postSignIn(requestBody(email, verifier))) {
            return response.code();
        }
    }

    /**
     * The mailbox's messages to {@code email} (every message when null), oldest first, once every
     * request answered so far is delivered (the API answers before the mail goes out).
     */
    List<JsonNode> mails(String email) throws IOException {
        if (!backend.awaitDeliveries(Duration.ofSeconds(60))) {
            throw new IOException("The local backend's delivery queue did not come to rest within 60 s");
        }
        return fetchMails(email);
    }

    /** The mailbox as it is now. */
    private List<JsonNode> fetchMails(String email) throws IOException {
        HttpUrl.Builder url = HttpUrl.get(endpoints.mailboxUrl() + "/api/messages").newBuilder();
        if (email != null) {
            url.addQueryParameter("to", email);
        }
        try (Response response = http.newCall(new Request.Builder().url(url.build()).build()).execute()) {
            if (response.code() != 200) {
                throw new IOException("The mailbox answered " + response.code());
            }
            List<JsonNode> list = new ArrayList<>();
            JSON.readTree(response.body().string()).forEach(list::add);
            return list;
        }
    }

    /** The secrets of every link in {@code mails}, in order. */
    List<String> secretsIn(List<JsonNode> mails) {
        List<String> secrets = new ArrayList<>();
        for (JsonNode mail : mails) {
            links.findSecret(mail.path("text").asText()).ifPresent(secrets::add);
        }
        return secrets;
    }

    /**
     * The secret in the newest mail to {@code email}. Waits briefly for the queue to come to rest
     * (so a second request's mail is the newest), then, as under load it may never rest, for a
     * mail to this address to be there.
     */
    String latestSecret(String email) throws IOException {
        backend.awaitDeliveries(Duration.ofSeconds(2));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> secrets = secretsIn(fetchMails(email));
        while (secrets.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for mail", e);
            }
            secrets = secretsIn(fetchMails(email));
        }
        if (secrets.isEmpty()) {
            throw new AssertionError("No sign-in mail for " + email + " within 60 s");
        }
        return secrets.get(secrets.size() - 1);
    }

    /** The link of the newest mail to {@code email}, as the person clicks it. */
    String latestLink(String email) throws IOException {
        return endpoints.linkBase() + "/open#" + latestSecret(email);
    }

    InitiateAuthResponse initiate(String email) {
        return cognito.initiateAuth(b -> b.clientId(endpoints.clientId()).authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", email)));
    }

    RespondToAuthChallengeResponse answer(String email, String session, String secret, String verifier) {
        return cognito.respondToAuthChallenge(b -> b.clientId(endpoints.clientId())
                .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                .session(session)
                .challengeResponses(Map.of("USERNAME", email, "ANSWER", secret))
                .clientMetadata(Map.of(SignInApi.CLIENT_METADATA_CODE_VERIFIER, verifier)));
    }

    private void stopBackend() {
        if (cognito != null) {
            cognito.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Override
    public void close() {
        stopBackend();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
