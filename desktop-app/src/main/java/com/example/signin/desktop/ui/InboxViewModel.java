package com.example.signin.desktop.ui;

import com.example.signin.desktop.auth.LinkRequest;
import com.example.signin.desktop.auth.Session;
import com.example.signin.desktop.auth.SignInClient;
import com.example.signin.desktop.auth.SignInException;
import com.example.signin.protocol.OneTimeCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Check your inbox": the address the link went to and until when it works (both as the API's
 * answer said), a resend that waits out the API's cooldown with a visible countdown, a hint once
 * the mail is late, "use a different address", a field for the one-time code from the mail (for
 * a mail read on a phone), and a field to paste the link into.
 * The countdown is computed from the injected clock whenever {@link #tick()} runs (once a second
 * from the view).
 */
public final class InboxViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(InboxViewModel.class);
    /** After this long without a link the screen suggests the spam folder or a new link. */
    static final Duration MAIL_LATE_AFTER = Duration.ofMinutes(1);
    /**
     * Wrong codes after which the server has spent the request: the screen then says to send a
     * new link instead of letting the person type into a dead request.
     */
    static final int WRONG_CODES_BEFORE_SPENT = OneTimeCode.MAX_WRONG_TRIES;

    /** What the screen needs from the rest of the app. */
    public interface Navigation {
        /** The person wants another address: show the sign-in screen. */
        void useDifferentAddress(String previousAddress);

        /** A link was pasted: complete the sign-in with it. */
        void completeWithLink(String link);

        /** The typed code signed the person in. */
        void signedIn(Session session);
    }

    private final SignInClient client;
    private final TaskExecutor executor;
    private final Messages messages;
    private final Clock clock;
    private final Navigation navigation;
    private final DateTimeFormatter timeFormat;

    private LinkRequest request;
    private Instant resendAllowedAt = Instant.EPOCH;
    private int wrongCodes;

    private final ReadOnlyStringWrapper email = new ReadOnlyStringWrapper(this, "email", "");
    private final ReadOnlyStringWrapper sentTo = new ReadOnlyStringWrapper(this, "sentTo", "");
    private final ReadOnlyStringWrapper expiry = new ReadOnlyStringWrapper(this, "expiry", "");
    private final ReadOnlyLongWrapper secondsUntilResend = new ReadOnlyLongWrapper(this, "secondsUntilResend");
    private final ReadOnlyStringWrapper resendText = new ReadOnlyStringWrapper(this, "resendText", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyStringWrapper lateMailHint = new ReadOnlyStringWrapper(this, "lateMailHint", "");
    private final StringProperty pastedLink = new SimpleStringProperty(this, "pastedLink", "");
    private final StringProperty typedCode = new SimpleStringProperty(this, "typedCode", "");
    private final ReadOnlyBooleanWrapper codeSpent = new ReadOnlyBooleanWrapper(this, "codeSpent");
    private final ReadOnlyStringWrapper codeProblem = new ReadOnlyStringWrapper(this, "codeProblem", "");
    private final BooleanBinding canResend;
    private final BooleanBinding canPaste;
    private final BooleanBinding canUseCode;

    public InboxViewModel(SignInClient client, TaskExecutor executor, Messages messages, Clock clock, Navigation navigation) {
        this.client = Objects.requireNonNull(client, "client");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.navigation = Objects.requireNonNull(navigation, "navigation");
        this.timeFormat = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(messages.locale())
                .withZone(clock.getZone() == null ? ZoneId.systemDefault() : clock.getZone());
        canResend = secondsUntilResend.getReadOnlyProperty().isEqualTo(0).and(busy.getReadOnlyProperty().not());
        canPaste = Bindings.createBooleanBinding(() -> !pastedLink.get().isBlank() && !busy.get(), pastedLink, busy);
        canUseCode = Bindings.createBooleanBinding(() -> !typedCode.get().isBlank() && !busy.get() && !codeSpent.get(),
                typedCode, busy, codeSpent);
        updateCountdown();
    }

    /** Shows {@code linkRequest}: the address, its expiry, and the cooldown before a resend. */
    public void show(LinkRequest linkRequest) {
        request = Objects.requireNonNull(linkRequest, "linkRequest");
        resendAllowedAt = linkRequest.resendAllowedAt();
        email.set(linkRequest.email());
        sentTo.set(messages.get("inbox.sentTo", linkRequest.email()));
        expiry.set(messages.get("inbox.expiry", timeFormat.format(linkRequest.expiresAt())));
        problem.set("");
        notice.set("");
        pastedLink.set("");
        typedCode.set("");
        codeProblem.set("");
        codeSpent.set(false);
        wrongCodes = 0;
        busy.set(false);
        updateCountdown();
    }

    /** Recomputes the countdown from the clock. */
    public void tick() {
        updateCountdown();
    }

    private void updateCountdown() {
        if (request != null && !clock.instant().isBefore(request.expiresAt())) {
            expiry.set(messages.get("inbox.expired"));
        }
        boolean late = request != null && !clock.instant().isBefore(request.requestedAt().plus(MAIL_LATE_AFTER));
        lateMailHint.set(late ? messages.get("inbox.noMail") : "");
        Duration left = Duration.between(clock.instant(), resendAllowedAt);
        long seconds = left.isNegative() || left.isZero() ? 0 : left.plusMillis(999).getSeconds();
        secondsUntilResend.set(seconds);
        resendText.set(seconds == 0
                ? messages.get("inbox.resend")
                : messages.get("inbox.resendIn", messages.waitText(Duration.ofSeconds(seconds))));
    }

    /** Asks for a new link for the same address, once the cooldown is over. */
    public void resend() {
        updateCountdown();
        if (request == null || busy.get()) {
            return;
        }
        if (!canResend.get()) {
            // Reached from the banner's "Send a new link" during the cooldown: say how long to wait.
            problem.set(messages.get("problem.RATE_LIMITED.retryAfter",
                    messages.waitText(Duration.ofSeconds(secondsUntilResend.get()))));
            return;
        }
        String address = request.email();
        busy.set(true);
        problem.set("");
        notice.set("");
        executor.wrap(() -> client.requestLink(address))
                .onSuccess(newRequest -> {
                    LOG.info("Link requested again for {}", newRequest.email());
                    show(newRequest);
                    notice.set(messages.get("inbox.resent"));
                })
                .onFailure(failure -> {
                    busy.set(false);
                    Problems.log(LOG, "Resend for " + address, failure);
                    if (failure instanceof SignInException e && e.retryAfter().isPresent()) {
                        resendAllowedAt = clock.instant().plus(e.retryAfter().get());
                    }
                    problem.set(messages.problem(failure));
                    updateCountdown();
                })
                .start();
    }

    /** Forgets the pending request and goes back to the email field. */
    public void useDifferentAddress() {
        String previous = email.get();
        busy.set(true);
        executor.wrap(() -> {
                    client.forgetPendingRequest();
                    return previous;
                })
                .onSuccess(address -> {
                    busy.set(false);
                    LOG.info("Pending request for {} forgotten; asking for another address", address);
                    navigation.useDifferentAddress(address);
                })
                .onFailure(failure -> {
                    busy.set(false);
                    Problems.log(LOG, "Forgetting the pending request", failure);
                    problem.set(messages.problem(failure));
                })
                .start();
    }

    /** Completes the sign-in with the pasted link. */
    public void usePastedLink() {
        if (!canPaste.get()) {
            return;
        }
        String link = pastedLink.get().strip();
        pastedLink.set("");
        LOG.info("Link pasted for {}", email.get());
        navigation.completeWithLink(link);
    }

    /**
     * Signs in with the typed one-time code: any case, with or without the dash or spaces. A
     * malformed one is explained without asking the server; a well-formed one answers the same
     * pending request as the link would.
     */
    public void useCode() {
        if (!canUseCode.get()) {
            return;
        }
        Optional<String> code = OneTimeCode.parse(typedCode.get());
        if (code.isEmpty()) {
            codeProblem.set(messages.get("problem.CODE_MALFORMED"));
            return;
        }
        String address = email.get();
        busy.set(true);
        codeProblem.set("");
        problem.set("");
        LOG.info("Code typed for {}; completing the sign-in", address);
        executor.wrap(() -> client.completeSignInWithCode(code.get()))
                .onSuccess(session -> {
                    busy.set(false);
                    typedCode.set("");
                    LOG.info("Signed in as {} with a code", session.email());
                    navigation.signedIn(session);
                })
                .onFailure(failure -> {
                    busy.set(false);
                    Problems.log(LOG, "Sign-in with a code", failure);
                    codeProblem.set(codeRefusal(failure));
                })
                .start();
    }

    private String codeRefusal(Exception failure) {
        if (failure instanceof SignInException e) {
            switch (e.problem()) {
                case CODE_WRONG -> {
                    wrongCodes++;
                    if (wrongCodes < WRONG_CODES_BEFORE_SPENT) {
                        return messages.get("problem.CODE_WRONG");
                    }
                    codeSpent.set(true);
                    return messages.get("problem.CODE_TOO_MANY_TRIES");
                }
                case CODE_EXPIRED, CODE_USED, CODE_TOO_MANY_TRIES, CODE_FOREIGN_DEVICE, CODE_NOT_REQUESTED_HERE ->
                        // The request is over: only a new link (and its code) helps now.
                        codeSpent.set(true);
                default -> {
                    // network and service problems: the code may be typed again
                }
            }
        }
        return messages.problem(failure);
    }

    public ReadOnlyStringProperty emailProperty() {
        return email.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sentToProperty() {
        return sentTo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty expiryProperty() {
        return expiry.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty secondsUntilResendProperty() {
        return secondsUntilResend.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resendTextProperty() {
        return resendText.getReadOnlyProperty();
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

    /** Empty until a minute after the request, then the hint to look in spam or ask again. */
    public ReadOnlyStringProperty lateMailHintProperty() {
        return lateMailHint.getReadOnlyProperty();
    }

    public StringProperty pastedLinkProperty() {
        return pastedLink;
    }

    /** The code field's text, as typed. */
    public StringProperty typedCodeProperty() {
        return typedCode;
    }

    /** Why the last code did not sign in; empty otherwise. */
    public ReadOnlyStringProperty codeProblemProperty() {
        return codeProblem.getReadOnlyProperty();
    }

    /** True once this request cannot take codes any more (too many tries, expired, used): send a new link. */
    public ReadOnlyBooleanProperty codeSpentProperty() {
        return codeSpent.getReadOnlyProperty();
    }

    public BooleanBinding canUseCodeBinding() {
        return canUseCode;
    }

    public BooleanBinding canResendBinding() {
        return canResend;
    }

    public BooleanBinding canPasteBinding() {
        return canPaste;
    }
}
