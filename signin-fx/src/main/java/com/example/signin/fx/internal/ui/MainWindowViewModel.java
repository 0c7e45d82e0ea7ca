package com.example.signin.fx.internal.ui;

import com.example.signin.fx.internal.ui.AppContext;
import com.example.signin.fx.internal.client.LinkRequest;
import com.example.signin.fx.Session;
import com.example.signin.fx.internal.client.SignInClient;
import com.example.signin.fx.internal.client.SignInException;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's state: which screen shows, the banner for a link that did not work, the local-mode
 * badge, and the links that arrive from outside. Owns the screens' view models and moves
 * between them.
 */
public final class MainWindowViewModel implements InboxViewModel.Navigation {

    private static final Logger LOG = LoggerFactory.getLogger(MainWindowViewModel.class);

    private final AppContext context;
    private final SignInClient client;
    private final TaskExecutor executor;
    private final Messages messages;
    private final Clock clock;
    private final UrlOpener urlOpener;

    private final SignInViewModel signIn;
    private final InboxViewModel inbox;
    private final SignedInViewModel signedIn;
    private final SessionRenewal renewal;

    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(this, "screen", Screen.PROGRESS);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper(this, "banner", "");
    private final ReadOnlyBooleanWrapper bannerOffersNewLink = new ReadOnlyBooleanWrapper(this, "bannerOffersNewLink");
    private final ReadOnlyBooleanWrapper localMode = new ReadOnlyBooleanWrapper(this, "localMode");
    private final ReadOnlyStringWrapper mailboxUrl = new ReadOnlyStringWrapper(this, "mailboxUrl", "");
    private final ReadOnlyIntegerWrapper attentionRequests = new ReadOnlyIntegerWrapper(this, "attentionRequests");
    private final ReadOnlyObjectWrapper<Session> session = new ReadOnlyObjectWrapper<>(this, "session");

    /** The screen to go back to when a link fails. */
    private Screen beforeLink = Screen.SIGN_IN;
    private int linksInFlight;
    private boolean started;
    /** The warm-up waits for both: the window is up, and the sign-in (or inbox) screen is what shows. */
    private boolean windowShown;
    private boolean warmUpDue;
    private boolean warmedUp;

    public MainWindowViewModel(AppContext context, TaskExecutor executor, Messages messages, Clock clock, UrlOpener urlOpener) {
        this(context, executor, messages, clock, urlOpener, SessionRenewal.Signals.system());
    }

    /** With {@code signals} for the session renewal's sleep and network checks (tests give their own). */
    public MainWindowViewModel(AppContext context, TaskExecutor executor, Messages messages, Clock clock, UrlOpener urlOpener,
            SessionRenewal.Signals signals) {
        this.context = Objects.requireNonNull(context, "context");
        this.client = context.client();
        this.executor = Objects.requireNonNull(executor, "executor");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.urlOpener = Objects.requireNonNull(urlOpener, "urlOpener");
        this.signIn = new SignInViewModel(client, executor, messages, this::showInbox);
        this.inbox = new InboxViewModel(client, executor, messages, clock, this);
        this.signedIn = new SignedInViewModel(client, executor, messages, clock, context.dataDir(),
                address -> showSignIn(address, messages.get("signIn.signedOut")));
        this.renewal = new SessionRenewal(client, executor, clock, signals, new SessionRenewal.Listener() {
            @Override
            public void renewed(Session renewedSession) {
                session.set(renewedSession);
                signedIn.renewed(renewedSession);
            }

            @Override
            public void renewalFailed(Exception failure) {
                signedIn.renewalFailed(failure);
            }

            @Override
            public void sessionEnded(SignInException failure) {
                if (screen.get() == Screen.SIGNED_IN) {
                    showSignIn(signedIn.emailProperty().get(), messages.problem(failure));
                }
            }
        });
        localMode.set(context.backend().local());
        progressText.set(messages.get("progress.restoring"));
        context.links().setRaiseHandler(() -> executor.runOnUi(this::raiseWindow));
    }

    /**
     * Restores the session (or the pending request) in the background, then starts taking
     * links: links that arrive earlier wait in {@link com.example.signin.fx.internal.platform.IncomingLinks}.
     */
    public void start() {
        if (started) {
            throw new IllegalStateException("start() was already called");
        }
        started = true;
        if (localMode.get()) {
            LOG.info("Running on the local backend; mail goes to the local mailbox");
            context.backend().mailboxUrl().whenComplete((url, failure) -> executor.runOnUi(() -> {
                if (failure != null) {
                    LOG.warn("The local mailbox did not start", failure);
                } else {
                    url.map(URI::toString).ifPresent(mailboxUrl::set);
                }
            }));
        }
        LOG.info("Restoring the session");
        screen.set(Screen.PROGRESS);
        executor.wrap(this::restore)
                .onSuccess(this::showStart)
                .onFailure(failure -> {
                    FailureLog.log(LOG, "Start", failure);
                    showSignIn("", "");
                    signIn.showProblem(messages.problem(failure));
                    acceptLinks();
                })
                .start();
    }

    private record StartState(Optional<Session> session, Optional<LinkRequest> pending, SignInException restoreFailure) {
    }

    private StartState restore() {
        Optional<Session> session = Optional.empty();
        SignInException failure = null;
        try {
            session = client.restoreSession();
        } catch (SignInException e) {
            failure = e;
        }
        Optional<LinkRequest> pending = session.isPresent() ? Optional.empty() : client.pendingRequest();
        return new StartState(session, pending, failure);
    }

    private void showStart(StartState state) {
        if (state.session().isPresent()) {
            LOG.info("Session restored for {}", state.session().get().email());
            showSignedIn(state.session().get());
        } else {
            Optional<LinkRequest> pending = state.pending();
            if (state.restoreFailure() != null) {
                FailureLog.log(LOG, "Session restore", state.restoreFailure());
            }
            if (pending.isPresent() && pending.get().expiresAt().isAfter(clock.instant())) {
                LOG.info("Waiting for the link sent to {}", pending.get().email());
                showInbox(pending.get());
            } else {
                showSignIn(pending.map(LinkRequest::email).orElse(""), "");
            }
            if (state.restoreFailure() != null) {
                String sentence = messages.problem(state.restoreFailure());
                if (screen.get() == Screen.INBOX) {
                    banner.set(sentence);
                    bannerOffersNewLink.set(false);
                } else {
                    signIn.showProblem(sentence);
                }
            }
            warmUpSignIn();
        }
        acceptLinks();
    }

    /** The window holding the screens is shown (UI thread); work that must not delay it may start. */
    public void windowShown() {
        windowShown = true;
        warmUpIfDue();
    }

    private void warmUpSignIn() {
        warmUpDue = true;
        warmUpIfDue();
    }

    /**
     * While the person types an address or reads the mail, the sign-in path gets ready in the
     * background (connections, keys, classes: seconds of the first sign-in otherwise), once the
     * window is up so it does not compete with it. Once per app; whatever happens there stays there.
     */
    private void warmUpIfDue() {
        if (!windowShown || !warmUpDue || warmedUp) {
            return;
        }
        warmedUp = true;
        executor.runInBackground(() -> {
            try {
                client.warmUp();
            } catch (RuntimeException e) {
                LOG.debug("Warming the sign-in path failed", e);
            }
        });
    }

    private void acceptLinks() {
        context.links().setHandler(link -> executor.runOnUi(() -> completeWithLink(link)));
    }

    /** A sign-in link arrived (clicked, handed over, or pasted): bring the window up and complete it. */
    @Override
    public void completeWithLink(String link) {
        attentionRequests.set(attentionRequests.get() + 1);
        LOG.info("Sign-in link received; completing the sign-in");
        if (linksInFlight == 0) {
            beforeLink = screen.get();
        }
        linksInFlight++;
        banner.set("");
        progressText.set(messages.get("progress.signingIn"));
        screen.set(Screen.PROGRESS);
        executor.wrap(() -> client.completeSignIn(link))
                .onSuccess(session -> {
                    linksInFlight--;
                    LOG.info("Signed in as {}", session.email());
                    showSignedIn(session);
                })
                .onFailure(failure -> {
                    linksInFlight--;
                    FailureLog.log(LOG, "Sign-in with a link", failure);
                    if (linksInFlight == 0) {
                        screen.set(beforeLink);
                    }
                    bannerOffersNewLink.set(FailureLog.isLinkProblem(failure) && screen.get() != Screen.SIGNED_IN);
                    banner.set(messages.problem(failure));
                })
                .start();
    }

    /** "Send a new link" on the banner: for the address waiting for a link, or the one typed. */
    public void sendNewLink() {
        dismissBanner();
        if (screen.get() == Screen.INBOX) {
            inbox.resend();
            return;
        }
        if (screen.get() != Screen.SIGN_IN) {
            showSignIn("", "");
        }
        LOG.info("New link asked for from the banner");
        signIn.submit();
    }

    public void dismissBanner() {
        banner.set("");
        bannerOffersNewLink.set(false);
    }

    @Override
    public void signedIn(Session session) {
        dismissBanner();
        showSignedIn(session);
    }

    @Override
    public void useDifferentAddress(String previousAddress) {
        showSignIn(previousAddress, "");
    }

    /** Opens the local backend's mailbox in the browser. */
    public void openMailbox() {
        String url = mailboxUrl.get();
        if (!url.isEmpty()) {
            LOG.info("Opening the local mailbox");
            urlOpener.open(url);
        }
    }

    /** Another start of the app asked for the window: bring it to the front. */
    public void raiseWindow() {
        LOG.info("Bringing the window to the front for another start of the app");
        attentionRequests.set(attentionRequests.get() + 1);
    }

    /** The OS said the computer woke from sleep (macOS): renew the session now. */
    public void computerWokeUp() {
        renewal.computerWokeUp();
    }

    private void showSignIn(String address, String notice) {
        renewal.stop();
        session.set(null);
        signIn.reset(address, notice);
        screen.set(Screen.SIGN_IN);
        LOG.info("Showing the sign-in screen");
    }

    private void showInbox(LinkRequest request) {
        renewal.stop();
        session.set(null);
        inbox.show(request);
        screen.set(Screen.INBOX);
        LOG.info("Showing check-your-inbox for {}", request.email());
    }

    private void showSignedIn(Session signedInSession) {
        signedIn.show(signedInSession);
        renewal.start(signedInSession);
        session.set(signedInSession);
        screen.set(Screen.SIGNED_IN);
        if (signedInSession.tokenStorage() == Session.TokenStorage.FILE) {
            LOG.info("No keychain available; the session is kept in a file in {}", context.dataDir());
        }
    }

    public SignInViewModel signIn() {
        return signIn;
    }

    public InboxViewModel inbox() {
        return inbox;
    }

    public SignedInViewModel signedIn() {
        return signedIn;
    }

    public ReadOnlyObjectProperty<Screen> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    public BooleanBinding bannerShownBinding() {
        return Bindings.isNotEmpty(banner.getReadOnlyProperty());
    }

    public ReadOnlyBooleanProperty bannerOffersNewLinkProperty() {
        return bannerOffersNewLink.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty localModeProperty() {
        return localMode.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty mailboxUrlProperty() {
        return mailboxUrl.getReadOnlyProperty();
    }

    /** The signed-in session (renewed in place), or {@code null} while nobody is signed in; set on the UI thread. */
    public ReadOnlyObjectProperty<Session> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    /** Goes up by one whenever the window should come to the front (a link arrived, or another start asked). */
    public ReadOnlyIntegerProperty attentionRequestsProperty() {
        return attentionRequests.getReadOnlyProperty();
    }
}
