package com.example.signin.fx.internal.client;

import com.example.signin.fx.Session;

import com.example.signin.fx.Session;
import com.example.signin.fx.MagicLinkConfig;
import com.example.signin.fx.internal.client.SignInException.Problem;
import com.example.signin.fx.internal.platform.DeviceId;
import com.example.signin.fx.internal.platform.PendingSignIn;
import com.example.signin.fx.internal.platform.PendingSignInStore;
import com.example.signin.fx.internal.platform.TokenStore;
import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.InvalidEmailException;
import com.example.signin.protocol.MalformedLinkException;
import com.example.signin.protocol.OneTimeCode;
import com.example.signin.protocol.Secrets;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

/**
 * The real {@link SignInClient}: keeps the state (the pending request in the data folder, the
 * refresh token in the {@link TokenStore}, the access and ID tokens in memory only) and runs the
 * flows: {@link ChallengeFlow} (link or code), {@link RefreshFlow} (restore, renew) and
 * {@link SignOutFlow} over the {@link BackendConnections}; {@link SdkFailures} maps SDK errors.
 *
 * <p>The configuration may still be on its way (the embedded local backend starts in the
 * background while the window opens): the first call that needs the backend waits for it, up
 * to {@link #BACKEND_WAIT}.
 */
public final class CognitoSignInClient implements SignInClient, AutoCloseable {

    /** How long a call waits for a backend that is still starting. */
    static final Duration BACKEND_WAIT = Duration.ofSeconds(90);
    private static final Logger LOG = LoggerFactory.getLogger(CognitoSignInClient.class);

    private final CompletableFuture<MagicLinkConfig> config;
    private final PendingSignInStore pending;
    private final Supplier<TokenStore> tokenStores;
    private TokenStore tokenStore;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Locale locale;
    private final DeviceIdSource deviceIds;
    private String deviceId;

    private BackendConnections connections;
    /** Access, ID and refresh token of the current session, in memory only. */
    private Tokens tokens;

    private record Tokens(String accessToken, String idToken, String refreshToken, String email) {
        @Override
        public String toString() {
            return "Tokens[hidden]";
        }
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
    public CognitoSignInClient(CompletableFuture<MagicLinkConfig> config, PendingSignInStore pending,
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
    public CognitoSignInClient(CompletableFuture<MagicLinkConfig> config, PendingSignInStore pending,
            Supplier<TokenStore> tokenStores, Clock clock, Locale locale) {
        this(config, pending, tokenStores, DeviceId::random, clock, locale);
    }

    /** {@link #forDataDir(CompletableFuture, Path, Locale)} in the default locale. */
    public static CognitoSignInClient forDataDir(CompletableFuture<MagicLinkConfig> config, Path dataDir) {
        return forDataDir(config, dataDir, Locale.getDefault());
    }

    /** The client of the app: data in {@code dataDir}, refresh token in the keychain when there is one. */
    public static CognitoSignInClient forDataDir(CompletableFuture<MagicLinkConfig> config, Path dataDir, Locale locale) {
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
        BackendConnections c = connections();
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
        return LinkRequest.of(request);
    }

    @Override
    public Optional<LinkRequest> pendingRequest() {
        return pending.load().filter(p -> !p.isExpiredAt(clock.instant())).map(LinkRequest::of);
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
        BackendConnections c = connections();
        String secret;
        try {
            secret = c.format().parseSecret(link);
        } catch (MalformedLinkException e) {
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
    private Session answer(BackendConnections c, PendingSignIn request, String answer, Answer kind) throws SignInException {
        if (request.isExpiredAt(clock.instant())) {
            LOG.info("The {} was refused for {}: the request expired at {}", kind.noun, request.email(), request.expiresAt());
            throw new SignInException(kind.expired, "The pending request expired at " + request.expiresAt());
        }
        LOG.info("Signing in {} with a {}", request.email(), kind.noun);
        AuthenticationResultType result = ChallengeFlow.answer(c, request.email(), request.verifier(), answer, kind);
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
        BackendConnections c = connections();
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
    private Session refresh(BackendConnections c, String refreshToken, Optional<String> expectedEmail, String doing)
            throws SignInException {
        AuthenticationResultType result;
        try {
            result = RefreshFlow.refresh(c, refreshToken, doing);
        } catch (SignInException e) {
            if (RefreshFlow.isRefusal(e)) {
                forgetStoredToken(c);
                synchronized (this) {
                    tokens = null;
                }
            }
            throw e;
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
        BackendConnections c = connections();
        Tokens current;
        synchronized (this) {
            current = tokens;
        }
        Optional<String> refresh = current != null ? Optional.of(current.refreshToken()) : loadStoredToken(c);
        SignOutFlow.signOut(c, everywhere && current != null ? Optional.of(current.accessToken()) : Optional.empty(), refresh);
        synchronized (this) {
            tokens = null;
        }
        forgetStoredToken(c);
        LOG.info(everywhere ? "Signed out on every device" : "Signed out");
    }

    /**
     * Builds the connections (waiting for a starting backend), fetches the user pool's keys and
     * loads the classes of the sign-in and token check; reads only (the JWKS), so it makes no
     * state anywhere. A failure is logged at debug: the first real call then does the work.
     */
    @Override
    public void warmUp() {
        try {
            BackendConnections c = connections();
            c.warmUp();
            LOG.debug("The sign-in path is warm");
        } catch (SignInException | RuntimeException e) {
            LOG.debug("Warming the sign-in path failed; the first sign-in does that work", e);
        }
    }

    /** Waits for the configuration and builds the clients, once. */
    private synchronized BackendConnections connections() throws SignInException {
        if (connections != null) {
            return connections;
        }
        MagicLinkConfig cfg;
        try {
            cfg = config.get(BACKEND_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SignInException(Problem.BACKEND_NOT_STARTED, "The backend did not start: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new SignInException(Problem.BACKEND_NOT_STARTED, "The backend did not start within " + BACKEND_WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInException(Problem.UNEXPECTED, "Interrupted while waiting for the backend", e);
        }
        connections = BackendConnections.open(cfg, tokenStore(), clock);
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

    private void storeRefreshToken(BackendConnections c, String refreshToken) throws SignInException {
        if (refreshToken == null) {
            return;
        }
        try {
            c.tokenStore().save(refreshToken);
        } catch (IOException e) {
            throw new SignInException(Problem.UNEXPECTED, "The session could not be stored: " + e.getMessage(), e);
        }
    }

    private static Optional<String> loadStoredToken(BackendConnections c) {
        try {
            return c.tokenStore().load();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void forgetStoredToken(BackendConnections c) {
        try {
            c.tokenStore().clear();
        } catch (IOException e) {
            LOG.warn("The stored session could not be deleted: {}", e.getMessage());
        }
    }

    /** The current access token, for the host's own API calls; empty while nobody is signed in. */
    public synchronized Optional<String> accessToken() {
        return Optional.ofNullable(tokens).map(Tokens::accessToken);
    }

    @Override
    public synchronized void close() {
        if (connections != null) {
            connections.close();
        }
    }
}
