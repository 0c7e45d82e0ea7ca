package com.example.signin.fx.internal.ui;

import com.example.signin.fx.internal.client.LinkRequest;
import com.example.signin.fx.internal.client.SignInClient;
import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.InvalidEmailException;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in screen: the address, validated as it is typed with the protocol's rules, and the
 * one request that sends a link.
 */
public final class SignInViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(SignInViewModel.class);

    private final SignInClient client;
    private final TaskExecutor executor;
    private final Messages messages;
    private final Consumer<LinkRequest> onLinkRequested;

    private final StringProperty email = new SimpleStringProperty(this, "email", "");
    private final ReadOnlyStringWrapper emailError = new ReadOnlyStringWrapper(this, "emailError", "");
    private final ReadOnlyBooleanWrapper emailValid = new ReadOnlyBooleanWrapper(this, "emailValid");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final BooleanBinding canSubmit;

    public SignInViewModel(SignInClient client, TaskExecutor executor, Messages messages, Consumer<LinkRequest> onLinkRequested) {
        this.client = Objects.requireNonNull(client, "client");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.onLinkRequested = Objects.requireNonNull(onLinkRequested, "onLinkRequested");
        email.addListener((obs, old, now) -> validate(now));
        canSubmit = emailValid.getReadOnlyProperty().and(busy.getReadOnlyProperty().not());
        validate(email.get());
    }

    private void validate(String text) {
        try {
            EmailAddress.parse(text);
            emailValid.set(true);
            emailError.set("");
        } catch (InvalidEmailException e) {
            emailValid.set(false);
            // An empty field is not an error yet: the person has not typed anything.
            emailError.set(text == null || text.isBlank() ? "" : messages.invalidEmail(e));
        }
        problem.set("");
    }

    /** Asks for a link for the typed address; does nothing while the address is invalid or a request runs. */
    public void submit() {
        if (!canSubmit.get()) {
            if (!emailValid.get() && !busy.get()) {
                try {
                    EmailAddress.parse(email.get());
                } catch (InvalidEmailException e) {
                    emailError.set(messages.invalidEmail(e));
                }
            }
            return;
        }
        String address = EmailAddress.parse(email.get()).value();
        busy.set(true);
        problem.set("");
        notice.set("");
        executor.wrap(() -> client.requestLink(address))
                .onSuccess(request -> {
                    busy.set(false);
                    LOG.info("Link requested for {}", request.email());
                    onLinkRequested.accept(request);
                })
                .onFailure(failure -> {
                    busy.set(false);
                    FailureLog.log(LOG, "Link request for " + address, failure);
                    problem.set(messages.problem(failure));
                })
                .start();
    }

    /** Shows the screen again with {@code address} filled in and {@code noticeText} (may be empty) above it. */
    public void reset(String address, String noticeText) {
        email.set(address == null ? "" : address);
        notice.set(noticeText == null ? "" : noticeText);
        problem.set("");
    }

    /** Shows {@code sentence} as the problem of the last step (for example a session that could not be restored). */
    public void showProblem(String sentence) {
        problem.set(sentence);
    }

    public StringProperty emailProperty() {
        return email;
    }

    public ReadOnlyStringProperty emailErrorProperty() {
        return emailError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty emailValidProperty() {
        return emailValid.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public BooleanBinding canSubmitBinding() {
        return canSubmit;
    }

    /** Whether the problem line has text (for the view's visibility). */
    public BooleanBinding hasProblemBinding() {
        return Bindings.isNotEmpty(problem.getReadOnlyProperty());
    }
}
