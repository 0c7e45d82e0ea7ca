package com.example.signin.fx.internal.ui;

import com.example.signin.fx.internal.client.LinkRequest;
import com.example.signin.fx.Session;
import com.example.signin.fx.internal.client.SignInClient;
import com.example.signin.fx.internal.client.SignInException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SignInClient} that behaves like the real one for the screens: it keeps a pending
 * request, answers links it was told are good, and fails with the problem it is given next.
 */
class FakeSignInClient implements SignInClient {

    static final Duration LINK_LIFETIME = Duration.ofMinutes(15);
    static final Duration COOLDOWN = Duration.ofSeconds(60);
    static final String GOOD_LINK = "com.example.signin://signin#good-secret";
    /** The code of the same mail as {@link #GOOD_LINK}, canonical. */
    static final String GOOD_CODE = "K7QPM2XD";

    private final Clock clock;
    final List<String> calls = new ArrayList<>();
    /** The links the fake "sent" to the user pool (only those that arrived with a request pending). */
    final List<String> answeredLinks = new ArrayList<>();

    volatile Optional<LinkRequest> pending = Optional.empty();
    volatile Optional<Session> stored = Optional.empty();
    volatile Session.TokenStorage storage = Session.TokenStorage.KEYCHAIN;
    /** The next call of any failing method throws this (then it is cleared). */
    volatile SignInException nextFailure;
    /** The problem every link except {@link #GOOD_LINK} is refused with. */
    volatile SignInException.Problem refusal = SignInException.Problem.LINK_INVALID;
    /** The problem every code except {@link #GOOD_CODE} is refused with. */
    volatile SignInException.Problem codeRefusal = SignInException.Problem.CODE_WRONG;
    /** When set, requestLink, completeSignIn and restoreSession wait for it (to see the busy state). */
    volatile CountDownLatch gate;

    /** The screen shown when each warm-up ran (warm-ups are not in {@link #calls}). */
    final List<Object> warmUps = new ArrayList<>();
    /** What a warm-up does besides being counted (e.g. throw). */
    volatile Runnable warmUpWork = () -> { };
    /** Tells the fake which screen shows, for {@link #warmUps}. */
    volatile java.util.function.Supplier<Object> currentScreen = () -> null;

    FakeSignInClient(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void warmUp() {
        warmUps.add(currentScreen.get());
        warmUpWork.run();
    }

    private void failIfAsked() throws SignInException {
        SignInException failure = nextFailure;
        if (failure != null) {
            nextFailure = null;
            throw failure;
        }
    }

    private void waitAtGate() {
        CountDownLatch g = gate;
        if (g != null) {
            try {
                if (!g.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized LinkRequest requestLink(String email) throws SignInException {
        calls.add("requestLink " + email);
        waitAtGate();
        failIfAsked();
        Instant now = clock.instant();
        LinkRequest request = new LinkRequest(email, now, now.plus(LINK_LIFETIME), now.plus(COOLDOWN));
        pending = Optional.of(request);
        return request;
    }

    @Override
    public Optional<LinkRequest> pendingRequest() {
        return pending;
    }

    @Override
    public synchronized void forgetPendingRequest() {
        calls.add("forgetPendingRequest");
        pending = Optional.empty();
    }

    @Override
    public synchronized Session completeSignIn(String link) throws SignInException {
        calls.add("completeSignIn");
        waitAtGate();
        failIfAsked();
        // As the real client: without a pending request nothing else is looked at (or "sent").
        if (pending.isEmpty()) {
            throw new SignInException(SignInException.Problem.LINK_NOT_REQUESTED_HERE, "no pending request");
        }
        answeredLinks.add(link);
        if (!GOOD_LINK.equals(link)) {
            throw new SignInException(refusal, "refused by the fake");
        }
        Session session = new Session(pending.get().email(), clock.instant().plus(Duration.ofHours(1)), storage);
        pending = Optional.empty();
        stored = Optional.of(session);
        return session;
    }

    @Override
    public synchronized Session completeSignInWithCode(String code) throws SignInException {
        calls.add("completeSignInWithCode " + code);
        waitAtGate();
        failIfAsked();
        if (pending.isEmpty()) {
            throw new SignInException(SignInException.Problem.CODE_NOT_REQUESTED_HERE, "no pending request");
        }
        if (!GOOD_CODE.equals(code)) {
            throw new SignInException(codeRefusal, "refused by the fake");
        }
        Session session = new Session(pending.get().email(), clock.instant().plus(Duration.ofHours(1)), storage);
        pending = Optional.empty();
        stored = Optional.of(session);
        return session;
    }

    @Override
    public synchronized Optional<Session> restoreSession() throws SignInException {
        calls.add("restoreSession");
        waitAtGate();
        failIfAsked();
        return stored;
    }

    /** How long each session the fake hands out lasts. */
    volatile Duration sessionLifetime = Duration.ofHours(1);

    @Override
    public synchronized Session renewSession() throws SignInException {
        calls.add("renewSession");
        failIfAsked();
        if (stored.isEmpty()) {
            throw new SignInException(SignInException.Problem.SESSION_EXPIRED, "no session");
        }
        Session renewed = new Session(stored.get().email(), clock.instant().plus(sessionLifetime), storage);
        stored = Optional.of(renewed);
        return renewed;
    }

    @Override
    public synchronized void signOut(boolean everywhere) throws SignInException {
        calls.add(everywhere ? "signOut everywhere" : "signOut");
        failIfAsked();
        stored = Optional.empty();
    }
}
