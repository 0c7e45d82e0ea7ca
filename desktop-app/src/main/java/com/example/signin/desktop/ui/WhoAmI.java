package com.example.signin.desktop.ui;

import com.example.signin.desktop.api.MeClient;
import com.example.signin.fx.Session;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the signed-in screen says the backend's API knows about the person: asked with the access
 * token when a session starts or renews, cleared when it ends. Its sentence changes on the UI thread.
 */
final class WhoAmI {

    private static final Logger LOG = LoggerFactory.getLogger(WhoAmI.class);

    private final Function<String, CompletableFuture<MeClient.Answer>> api;
    private final Supplier<Optional<String>> accessToken;
    private final AppTexts texts;
    private final Executor uiThread;
    private final ReadOnlyStringWrapper sentence = new ReadOnlyStringWrapper(this, "sentence", "");
    /** Counts the questions, so a slow answer to an earlier session never overwrites a newer one. */
    private long asked;

    /**
     * @param api         asks {@code GET /me} with an access token
     * @param accessToken the current access token
     * @param uiThread    runs a task on the JavaFX thread
     */
    WhoAmI(Function<String, CompletableFuture<MeClient.Answer>> api, Supplier<Optional<String>> accessToken, AppTexts texts,
            Executor uiThread) {
        this.api = Objects.requireNonNull(api, "api");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.texts = Objects.requireNonNull(texts, "texts");
        this.uiThread = Objects.requireNonNull(uiThread, "uiThread");
    }

    /** The session changed (on the UI thread): ask again with the new access token, or clear. */
    void sessionChanged(Session now) {
        long question = ++asked;
        Optional<String> token = now == null ? Optional.empty() : accessToken.get();
        if (token.isEmpty()) {
            sentence.set("");
            return;
        }
        if (sentence.get().isEmpty()) {
            sentence.set(texts.get("me.asking"));
        }
        api.apply(token.get()).thenAccept(answer -> uiThread.execute(() -> {
            if (question == asked) {
                sentence.set(sentenceFor(answer));
            }
        }));
    }

    private String sentenceFor(MeClient.Answer answer) {
        if (answer instanceof MeClient.Answer.Me me) {
            return texts.get("me.answer", me.email(), me.sub());
        }
        if (answer instanceof MeClient.Answer.Unauthorized) {
            LOG.warn("GET /me refused the access token (401)");
            return texts.get("me.unauthorized");
        }
        LOG.warn("GET /me failed: {}", ((MeClient.Answer.Failed) answer).detail());
        return texts.get("me.failed");
    }

    ReadOnlyStringProperty sentenceProperty() {
        return sentence.getReadOnlyProperty();
    }
}
