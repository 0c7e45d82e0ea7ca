package com.example.signin.fx.internal.ui;

import com.example.signin.fx.Session;
import com.example.signin.fx.internal.client.SignInClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in screen: who, until when (updated at each renewal), where the token is kept, a
 * notice while a renewal cannot get through, and signing out.
 */
public final class SignedInViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(SignedInViewModel.class);

    private final SignInClient client;
    private final TaskExecutor executor;
    private final Messages messages;
    private final Path dataDir;
    private final Consumer<String> onSignedOut;
    private final DateTimeFormatter timeFormat;

    private final ReadOnlyStringWrapper email = new ReadOnlyStringWrapper(this, "email", "");
    private final ReadOnlyStringWrapper signedInAs = new ReadOnlyStringWrapper(this, "signedInAs", "");
    private final ReadOnlyStringWrapper expiry = new ReadOnlyStringWrapper(this, "expiry", "");
    private final ReadOnlyBooleanWrapper storedInFile = new ReadOnlyBooleanWrapper(this, "storedInFile");
    private final ReadOnlyStringWrapper storageNotice = new ReadOnlyStringWrapper(this, "storageNotice", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper renewalNotice = new ReadOnlyStringWrapper(this, "renewalNotice", "");
    /** What the host app shows of its own on this screen (e.g. an answer of its API), or null. */
    private final ObjectProperty<Node> hostContent = new SimpleObjectProperty<>(this, "hostContent");

    /**
     * @param onSignedOut called with the address that was signed out
     */
    public SignedInViewModel(SignInClient client, TaskExecutor executor, Messages messages, Clock clock, Path dataDir,
                             Consumer<String> onSignedOut) {
        this.client = Objects.requireNonNull(client, "client");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.onSignedOut = Objects.requireNonNull(onSignedOut, "onSignedOut");
        ZoneId zone = Objects.requireNonNull(clock, "clock").getZone();
        this.timeFormat = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(messages.locale()).withZone(zone);
    }

    public void show(Session session) {
        Objects.requireNonNull(session, "session");
        email.set(session.email());
        signedInAs.set(messages.get("signedIn.as", session.email()));
        expiry.set(messages.get("signedIn.expiry", timeFormat.format(session.expiresAt())));
        boolean inFile = session.tokenStorage() == Session.TokenStorage.FILE;
        storedInFile.set(inFile);
        storageNotice.set(inFile ? messages.get("signedIn.storedInFile", dataDir.toString()) : "");
        busy.set(false);
        problem.set("");
        renewalNotice.set("");
    }

    /** The tokens were renewed: the "valid until" line moves on and any renewal notice goes. */
    public void renewed(Session session) {
        Objects.requireNonNull(session, "session");
        expiry.set(messages.get("signedIn.expiry", timeFormat.format(session.expiresAt())));
        renewalNotice.set("");
    }

    /** A renewal could not get through for {@code failure}; the session stays and the app tries again. */
    public void renewalFailed(Exception failure) {
        renewalNotice.set(messages.get("signedIn.renewalFailed", messages.problem(failure)));
    }

    public void signOut() {
        signOut(false);
    }

    public void signOutEverywhere() {
        signOut(true);
    }

    private void signOut(boolean everywhere) {
        if (busy.get()) {
            return;
        }
        String address = email.get();
        busy.set(true);
        problem.set("");
        executor.wrap(() -> {
                    client.signOut(everywhere);
                    return address;
                })
                .onSuccess(signedOut -> {
                    busy.set(false);
                    LOG.info(everywhere ? "Signed out everywhere: {}" : "Signed out: {}", signedOut);
                    onSignedOut.accept(signedOut);
                })
                .onFailure(failure -> {
                    busy.set(false);
                    FailureLog.log(LOG, "Sign-out of " + address, failure);
                    problem.set(messages.problem(failure));
                })
                .start();
    }

    public ReadOnlyStringProperty emailProperty() {
        return email.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty signedInAsProperty() {
        return signedInAs.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty expiryProperty() {
        return expiry.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty storedInFileProperty() {
        return storedInFile.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty storageNoticeProperty() {
        return storageNotice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Empty while renewals work; else why the last one failed and that the app tries again. */
    public ReadOnlyStringProperty renewalNoticeProperty() {
        return renewalNotice.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The host's own node under the account details; set it on the JavaFX thread. */
    public ObjectProperty<Node> hostContentProperty() {
        return hostContent;
    }
}
