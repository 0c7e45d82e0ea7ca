package com.example.signin.desktop.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.signin.fx.MagicLinkConfig;
import com.example.signin.fx.internal.client.CognitoSignInClient;
import com.example.signin.fx.internal.client.SignInException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local mode's backend starts after the first window, and whoever needs it before waits or gets a clear failure. */
class EmbeddedBackendTest {

    @TempDir
    Path root;

    @Test
    void theLocalBackendStartsOnlyOnceTheWindowIsShownAndThenAnswers() throws Exception {
        Path dataDir = root.resolve("local-backend");
        CompletableFuture<Void> windowShown = new CompletableFuture<>();
        try (EmbeddedBackend backend = EmbeddedBackend.start(dataDir, windowShown)) {
            assertThat(backend.config()).isNotDone();
            assertThat(dataDir).as("nothing of the backend is made before the window shows").doesNotExist();

            windowShown.complete(null);

            MagicLinkConfig config = backend.config().get(120, TimeUnit.SECONDS);
            assertThat(config.scheme()).isEqualTo(EmbeddedBackend.SCHEME);
            assertThat(dataDir.resolve("endpoints.json")).exists();
            HttpResponse<String> mailbox = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(config.mailboxUrl().orElseThrow())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(mailbox.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anAppClosedBeforeItsWindowShowedNeverStartsTheBackend() {
        Path dataDir = root.resolve("local-backend");
        CompletableFuture<Void> windowShown = new CompletableFuture<>();
        EmbeddedBackend backend = EmbeddedBackend.start(dataDir, windowShown);
        backend.close();
        windowShown.complete(null);

        assertThatThrownBy(() -> backend.config().get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("The app closed before the local backend started");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void aSignInAskedForWhileTheBackendFailsToStartGetsBackendNotStarted() throws Exception {
        // A file where the backend's data folder should be: the start fails.
        Path dataDir = Files.writeString(root.resolve("local-backend"), "not a folder");
        CompletableFuture<Void> windowShown = new CompletableFuture<>();
        try (EmbeddedBackend backend = EmbeddedBackend.start(dataDir, windowShown);
                CognitoSignInClient client = CognitoSignInClient.forDataDir(backend.config(),
                        Files.createDirectories(root.resolve("app")))) {
            CompletableFuture<SignInException> failure = CompletableFuture.supplyAsync(() -> {
                try {
                    client.requestLink("alice@example.com");
                    return null;
                } catch (SignInException e) {
                    return e;
                }
            });
            windowShown.complete(null);

            assertThat(failure.get(120, TimeUnit.SECONDS)).isNotNull()
                    .extracting(SignInException::problem).isEqualTo(SignInException.Problem.BACKEND_NOT_STARTED);
        }
    }
}
