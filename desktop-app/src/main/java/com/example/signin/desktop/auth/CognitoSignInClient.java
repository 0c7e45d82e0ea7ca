package com.example.signin.desktop.auth;

import com.example.signin.desktop.auth.SignInException.Problem;
import com.example.signin.desktop.config.ClientConfig;
import com.example.signin.desktop.platform.DeviceId;
import com.example.signin.desktop.platform.PendingSignIn;
import com.example.signin.desktop.platform.PendingSignInStore;
import com.example.signin.desktop.platform.PoolTokenStore;
import com.example.signin.desktop.platform.TokenStore;
import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.InvalidEmailException;
import com.example.signin.protocol.InvalidLinkException;
import com.example.signin.protocol.LinkRefusal;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.OneTimeCode;
import com.example.signin.protocol.SignInApi;
import com.example.signin.protocol.Secrets;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ForbiddenException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * The real {@link SignInClient}: the sign-in API over OkHttp and the user pool over the AWS SDK
 * (unsigned calls, so anonymous credentials), the pending request in the data folder, the
 * refresh token in the {@link TokenStore}, the access and ID tokens in memory only.
 *
 * <p>The configuration may still be on its way (the embedded local backend starts in the
 * background while the window opens): the first call that needs the backend waits for it, up
 * to {@link #BACKEND_WAIT}.
 */
public final class CognitoSignInClient implements SignInClient, AutoCloseable {

    /** How long a call waits for a backend that is still starting. */
    static final Duration BACKEND_WAIT = Duration.ofSeconds(90);
    private static final Logger LOG = LoggerFactory.getLogger(CognitoSignInClient.class);

    private final CompletableFuture<ClientConfig> config;
    private final PendingSignInStore pending;
    private final Supplier<TokenStore> tokenStores;
    private TokenStore tokenStore;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Locale locale;
    private final DeviceIdSource deviceIds;
    private String deviceId;

    private Connections connections;
    /** Access, ID and refresh token of the current session, in memory only. */
    private Tokens tokens;

    private record Tokens(String accessToken, String idToken, String refreshToken, String email) {
        @Override
        public String toString() {
            return "Tokens[hidden]";
        }
    }

    /** Everything built from the configuration, once it is known. */
    private record Connections(ClientConfig config, MagicLinkFormat format, OkHttpClient http, SignInApiClient api,
            CognitoIdentityProviderClient cognito, IdTokenValidator validator, TokenStore tokenStore) {
    }

    /** Where this installation's {@code deviceId} comes from (read or made on the first request). */
    @FunctionalInterface
    public interface DeviceIdSource {
        String get() throws IOException;
    }

    /**
     * @param config      the backend configuration, possibly not known yet
     * @param pending     where the pending request is kept
     * @param tokenStores opens the refresh token store (called once, on the first call that needs it)
     * @param deviceIds   this installation's device id (called once, on the first request)
     */
    public CognitoSignInClient(CompletableFuture<ClientConfig> config, PendingSignInStore pending,
            Supplier<TokenStore> tokenStores, DeviceIdSource deviceIds, Clock clock, Locale locale) {
        this.config = Objects.requireNonNull(config, "config");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.tokenStores = Objects.requireNonNull(tokenStores, "tokenStores");
        this.deviceIds = Objects.requireNonNull(deviceIds, "deviceIds");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.locale = Objects.requireNonNull(locale, "locale");
    }

    /**
     * A client whose device id lives only in memory: every instance is a new device. For tools
     * and tests that keep no data folder of their own.
     */
    public CognitoSignInClient(CompletableFuture<ClientConfig> config, PendingSignInStore pending,
            Supplier<TokenStore> tokenStores, Clock clock, Locale locale) {
        this(config, pending, tokenStores, DeviceId::random, clock, locale);
    }

    /** {@link #forDataDir(CompletableFuture, Path, Locale)} in the default locale. */
    public static CognitoSignInClient forDataDir(CompletableFuture<ClientConfig> config, Path dataDir) {
        return forDataDir(config, dataDir, Locale.getDefault());
    }

    /** The client of the app: data in {@code dataDir}, refresh token in the keychain when there is one. */
    public static CognitoSignInClient forDataDir(CompletableFuture<ClientConfig> config, Path dataDir, Locale locale) {
        Path absolute = dataDir.toAbsolutePath();
        SecureRandom random = new SecureRandom();
        return new CognitoSignInClient(config, new PendingSignInStore(absolute),
                () -> TokenStore.open(absolute, "refresh token " + absolute),
                () -> DeviceId.loadOrCreate(absolute, random), Clock.systemUTC(), locale);
    }

    @Override
    public LinkRequest requestLink(String email) throws SignInException {
        String address;
        try {
            address = EmailAddress.parse(email).value();
        } catch (InvalidEmailException e) {
            throw new SignInException(Problem.INVALID_EMAIL, e.getMessage(), e);
        }
        Connections c = connections();
        String verifier = Secrets.generate(random);
        SignInApiClient.Accepted accepted = c.api().requestLink(address, verifier, locale, deviceId());
        Instant now = clock.instant();
        PendingSignIn request = new PendingSignIn(address, verifier, now, now.plus(accepted.expiresIn()),
                now.plus(accepted.retryAfter()));
        try {
            pending.save(request);
        } catch (IOException e) {
            throw new SignInException(Problem.UNEXPECTED, "The pending sign-in request could not be saved in "
                    + pending.file() + ": " + e.getMessage(), e);
        }
        LOG.info("Link requested for {}", address);
        return request.toLinkRequest();
    }

    @Override
    public Optional<LinkRequest> pendingRequest() {
        return pending.load().filter(p -> !p.isExpiredAt(clock.instant())).map(PendingSignIn::toLinkRequest);
    }

    @Override
    public void forgetPendingRequest() {
        try {
            pending.clear();
            LOG.info("Pending sign-in request forgotten");
        } catch (IOException e) {
            LOG.warn("The pending sign-in request {} could not be deleted: {}", pending.file(), e.getMessage());
        }
    }

    @Override
    public Session completeSignIn(String link) throws SignInException {
        // First of all: a link this app did not ask for goes nowhere (not even a wait for the
        // backend), so a page pushing links at the app cannot make it answer anything.
        PendingSignIn request = pendingFor(Answer.LINK);
        Connections c = connections();
        String secret;
        try {
            secret = c.format().parseSecret(link);
        } catch (InvalidLinkException e) {
            LOG.info("Link refused: not a sign-in link of this app ({})", e.reason());
            throw new SignInException(Problem.LINK_MALFORMED, e.getMessage(), e);
        }
        return answer(c, request, secret, Answer.LINK);
    }

    @Override
    public Session completeSignInWithCode(String code) throws SignInException {
        if (!OneTimeCode.isWellFormed(code)) {
            throw new SignInException(Problem.CODE_MALFORMED, "Not a one-time code in canonical form");
        }
        PendingSignIn request = pendingFor(Answer.CODE);
        return answer(connections(), request, code, Answer.CODE);
    }

    /** What the person gave: the link's secret or the mail's one-time code (one sentence set each). */
    private enum Answer {
        LINK("link", Problem.LINK_NOT_REQUESTED_HERE, Problem.LINK_EXPIRED, Problem.LINK_INVALID),
        CODE("code", Problem.CODE_NOT_REQUESTED_HERE, Problem.CODE_EXPIRED, Problem.CODE_WRONG);

        final String noun;
        final Problem notRequested;
        final Problem expired;
        final Problem refused;

        Answer(String noun, Problem notRequested, Problem expired, Problem refused) {
            this.noun = noun;
            this.notRequested = notRequested;
            this.expired = expired;
            this.refused = refused;
        }
    }

    /** The request waiting for a link or code; none means nothing is sent anywhere. */
    private PendingSignIn pendingFor(Answer kind) throws SignInException {
        return pending.load().orElseThrow(() -> {
            LOG.info("The {} was refused: no sign-in request is pending in this app; nothing was sent", kind.noun);
            return new SignInException(kind.notRequested, "No sign-in request is pending in this app");
        });
    }

    /**
     * Answers the pending request's custom challenge with {@code answer} (a link's secret or a
     * one-time code, DESIGN.md step 6) and the request's verifier; the trigger tells which by its form.
     */
    private Session answer(Connections c, PendingSignIn request, String answer, Answer kind) throws SignInException {
        if (request.isExpiredAt(clock.instant())) {
            LOG.info("The {} was refused for {}: the request expired at {}", kind.noun, request.email(), request.expiresAt());
            throw new SignInException(kind.expired, "The pending request expired at " + request.expiresAt());
        }
        LOG.info("Signing in {} with a {}", request.email(), kind.noun);
        AuthenticationResultType result;
        try {
            InitiateAuthResponse started = c.cognito().initiateAuth(r -> r
                    .clientId(c.config().clientId())
                    .authFlow(AuthFlowType.CUSTOM_AUTH)
                    .authParameters(Map.of("USERNAME", request.email())));
            if (started.challengeName() != ChallengeNameType.CUSTOM_CHALLENGE) {
                throw new SignInException(Problem.UNEXPECTED, "The user pool answered CUSTOM_AUTH with " + started.challengeNameAsString());
            }
            RespondToAuthChallengeResponse answered = c.cognito().respondToAuthChallenge(r -> r
                    .clientId(c.config().clientId())
                    .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                    .session(started.session())
                    .challengeResponses(Map.of("USERNAME", request.email(), "ANSWER", answer))
                    .clientMetadata(Map.of(SignInApi.CLIENT_METADATA_CODE_VERIFIER, request.verifier())));
            result = answered.authenticationResult();
            if (result == null) {
                LOG.info("The {} was refused for {}: the user pool asked for another challenge", kind.noun, request.email());
                throw new SignInException(kind.refused, "The user pool did not accept the " + kind.noun);
            }
        } catch (SdkException e) {
            SignInException failure = kind == Answer.LINK ? linkFailure(e) : codeFailure(e);
            LOG.info("The {} was refused for {}: {}", kind.noun, request.email(), failure.problem());
            throw failure;
        }
        IdTokenValidator.IdToken id = c.validator().validate(result.idToken(), Optional.of(request.email()));
        storeRefreshToken(c, result.refreshToken());
        synchronized (this) {
            tokens = new Tokens(result.accessToken(), result.idToken(), result.refreshToken(), id.email());
        }
        try {
            pending.clear();
        } catch (IOException e) {
            LOG.warn("The used pending request {} could not be deleted: {}", pending.file(), e.getMessage());
        }
        LOG.info("Signed in as {} (refresh token in the {})", id.email(), c.tokenStore().storage());
        return new Session(id.email(), id.expiresAt(), c.tokenStore().storage());
    }

    @Override
    public Optional<Session> restoreSession() throws SignInException {
        // Looked up before waiting for the backend: without a stored session the sign-in screen
        // shows at once, and only the first request waits for a local backend that is starting.
        Optional<String> stored;
        try {
            stored = tokenStore().load();
        } catch (IOException e) {
            LOG.warn("The stored session cannot be read: {}", e.getMessage());
            return Optional.empty();
        }
        if (stored.isEmpty()) {
            LOG.info("No stored session");
            return Optional.empty();
        }
        Connections c = connections();
        // Only the token of this pool and client: another configuration's token is never sent here.
        Optional<String> own = loadStoredToken(c);
        if (own.isEmpty()) {
            LOG.info("No stored session for this user pool and client");
            return Optional.empty();
        }
        Session session = refresh(c, own.get(), Optional.empty(), "restoring the session");
        LOG.info("Session restored for {}", session.email());
        return Optional.of(session);
    }

    @Override
    public Session renewSession() throws SignInException {
        Tokens current;
        synchronized (this) {
            current = tokens;
        }
        if (current == null) {
            throw new SignInException(Problem.SESSION_EXPIRED, "No session to renew");
        }
        Session session = refresh(connections(), current.refreshToken(), Optional.of(current.email()), "renewing the session");
        LOG.info("Session renewed for {} until {}", session.email(), session.expiresAt());
        return session;
    }

    /**
     * REFRESH_TOKEN_AUTH with {@code refreshToken}; a refused token is forgotten and reported as
     * {@link Problem#SESSION_REVOKED} or {@link Problem#SESSION_EXPIRED} (Cognito's message tells
     * which), anything else leaves the tokens as they were.
     */
    private Session refresh(Connections c, String refreshToken, Optional<String> expectedEmail, String doing)
            throws SignInException {
        AuthenticationResultType result;
        try {
            result = c.cognito().initiateAuth(r -> r
                    .clientId(c.config().clientId())
                    .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                    .authParameters(Map.of("REFRESH_TOKEN", refreshToken))).authenticationResult();
        } catch (NotAuthorizedException | UserNotFoundException e) {
            forgetStoredToken(c);
            synchronized (this) {
                tokens = null;
            }
            String message = e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage();
            boolean revoked = message != null && message.toLowerCase(Locale.ROOT).contains("revoked");
            LOG.info("The session is no longer valid ({}); sign in again", message);
            throw new SignInException(revoked ? Problem.SESSION_REVOKED : Problem.SESSION_EXPIRED,
                    "The user pool refused the session while " + doing + ": " + message, e);
        } catch (SdkException e) {
            throw commonFailure(e, doing);
        }
        if (result == null || result.idToken() == null) {
            throw new SignInException(Problem.UNEXPECTED, "The user pool answered REFRESH_TOKEN_AUTH without tokens");
        }
        IdTokenValidator.IdToken id = c.validator().validate(result.idToken(), expectedEmail);
        String refresh = result.refreshToken() != null ? result.refreshToken() : refreshToken;
        if (result.refreshToken() != null) {
            storeRefreshToken(c, refresh);
        }
        synchronized (this) {
            tokens = new Tokens(result.accessToken(), result.idToken(), refresh, id.email());
        }
        return new Session(id.email(), id.expiresAt(), c.tokenStore().storage());
    }

    @Override
    public void signOut(boolean everywhere) throws SignInException {
        Connections c = connections();
        Tokens current;
        synchronized (this) {
            current = tokens;
        }
        String refresh = current != null ? current.refreshToken() : loadStoredToken(c).orElse(null);
        try {
            if (everywhere && current != null) {
                try {
                    c.cognito().globalSignOut(r -> r.accessToken(current.accessToken()));
                } catch (NotAuthorizedException e) {
                    LOG.info("The access token had expired; revoking the refresh token signs this device out");
                }
            }
            if (refresh != null) {
                c.cognito().revokeToken(r -> r.clientId(c.config().clientId()).token(refresh));
            }
        } catch (NotAuthorizedException e) {
            LOG.info("The user pool no longer knew the session; forgetting it here");
        } catch (SdkException e) {
            throw commonFailure(e, "signing out");
        }
        synchronized (this) {
            tokens = null;
        }
        forgetStoredToken(c);
        LOG.info(everywhere ? "Signed out on every device" : "Signed out");
    }

    /** Waits for the configuration and builds the clients, once. */
    private synchronized Connections connections() throws SignInException {
        if (connections != null) {
            return connections;
        }
        ClientConfig cfg;
        try {
            cfg = config.get(BACKEND_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SignInException(Problem.SERVICE_UNAVAILABLE, "The backend did not start: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new SignInException(Problem.SERVICE_UNAVAILABLE, "The backend did not start within " + BACKEND_WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInException(Problem.UNEXPECTED, "Interrupted while waiting for the backend", e);
        }
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(20))
                .callTimeout(Duration.ofSeconds(30))
                .build();
        CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
                .region(Region.of(cfg.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(20)))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(30)));
        cfg.cognitoEndpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        connections = new Connections(cfg, new MagicLinkFormat(cfg.scheme(), cfg.linkBase()), http,
                new SignInApiClient(http, cfg.apiUrl()), builder.build(),
                new IdTokenValidator(cfg.jwksUrl(), cfg.issuer(), cfg.clientId(), clock),
                new PoolTokenStore(tokenStore(), cfg.issuer(), cfg.clientId()));
        return connections;
    }

    private synchronized String deviceId() throws SignInException {
        if (deviceId == null) {
            try {
                deviceId = deviceIds.get();
            } catch (IOException e) {
                throw new SignInException(Problem.UNEXPECTED, "This installation's device id could not be read or stored: "
                        + e.getMessage(), e);
            }
        }
        return deviceId;
    }

    private synchronized TokenStore tokenStore() {
        if (tokenStore == null) {
            tokenStore = tokenStores.get();
        }
        return tokenStore;
    }

    private void storeRefreshToken(Connections c, String refreshToken) throws SignInException {
        if (refreshToken == null) {
            return;
        }
        try {
            c.tokenStore().save(refreshToken);
        } catch (IOException e) {
            throw new SignInException(Problem.UNEXPECTED, "The session could not be stored: " + e.getMessage(), e);
        }
    }

    private static Optional<String> loadStoredToken(Connections c) {
        try {
            return c.tokenStore().load();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void forgetStoredToken(Connections c) {
        try {
            c.tokenStore().clear();
        } catch (IOException e) {
            LOG.warn("The stored session could not be deleted: {}", e.getMessage());
        }
    }

    /** Why the user pool refused a link, in the screens' terms. */
    static SignInException linkFailure(SdkException e) {
        if (e instanceof UserLambdaValidationException lambda) {
            String message = lambda.awsErrorDetails() != null ? lambda.awsErrorDetails().errorMessage() : lambda.getMessage();
            Optional<LinkRefusal> refusal = LinkRefusal.fromMessage(message);
            if (refusal.isPresent()) {
                Problem problem = switch (refusal.get()) {
                    case EXPIRED -> Problem.LINK_EXPIRED;
                    case USED -> Problem.LINK_USED;
                    case SPENT -> Problem.LINK_SPENT;
                    case INVALID -> Problem.LINK_INVALID;
                    case FOREIGN_DEVICE -> Problem.LINK_FOREIGN_DEVICE;
                };
                return new SignInException(problem, "The user pool refused the link: " + refusal.get().code(), e);
            }
            return new SignInException(Problem.UNEXPECTED, "A user pool trigger failed: " + message, e);
        }
        if (e instanceof NotAuthorizedException || e instanceof UserNotFoundException) {
            return new SignInException(Problem.LINK_INVALID, "The user pool did not accept the link ("
                    + ((AwsServiceException) e).awsErrorDetails().errorCode() + ")", e);
        }
        return commonFailure(e, "signing in");
    }

    /**
     * Why the user pool refused a one-time code. The trigger reports it with the link's refusal
     * codes (the code answers the same record): an unknown answer is a wrong code.
     */
    static SignInException codeFailure(SdkException e) {
        SignInException asLink = linkFailure(e);
        Problem problem = switch (asLink.problem()) {
            case LINK_EXPIRED -> Problem.CODE_EXPIRED;
            case LINK_USED -> Problem.CODE_USED;
            case LINK_SPENT -> Problem.CODE_TOO_MANY_TRIES;
            case LINK_INVALID -> Problem.CODE_WRONG;
            case LINK_FOREIGN_DEVICE -> Problem.CODE_FOREIGN_DEVICE;
            default -> asLink.problem();
        };
        return problem == asLink.problem() ? asLink
                : new SignInException(problem, "The user pool refused the code (" + asLink.getMessage() + ")", e);
    }

    /** Network, throttling and service failures of any user pool call. */
    static SignInException commonFailure(SdkException e, String doing) {
        // ForbiddenException: the user pool's WAF, whose only rule is a per-IP rate limit, blocked the call.
        if (e instanceof TooManyRequestsException || e instanceof LimitExceededException || e instanceof ForbiddenException) {
            return new SignInException(Problem.RATE_LIMITED, "The user pool throttled " + doing, null, e);
        }
        if (e instanceof AwsServiceException service) {
            int status = service.statusCode();
            String code = service.awsErrorDetails() != null ? service.awsErrorDetails().errorCode() : "unknown";
            return new SignInException(status >= 500 ? Problem.SERVICE_UNAVAILABLE : Problem.UNEXPECTED,
                    "The user pool failed while " + doing + ": " + status + " " + code, e);
        }
        if (e instanceof SdkClientException) {
            Problem problem = NetworkProblems.classify(e).orElse(Problem.UNREACHABLE);
            return new SignInException(problem, "The user pool cannot be reached while " + doing + ": " + e.getMessage(), e);
        }
        return new SignInException(Problem.UNEXPECTED, "Unexpected failure while " + doing + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        if (connections != null) {
            connections.cognito().close();
            connections.http().dispatcher().executorService().shutdown();
            connections.http().connectionPool().evictAll();
        }
    }
}
