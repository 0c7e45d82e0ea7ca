package com.example.signin.fx.internal.ui;

import com.example.signin.fx.internal.platform.IncomingLinks;

import com.example.signin.fx.internal.client.SignInClient;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the launcher hands the JavaFX application: built before JavaFX starts, so the
 * second-process hand-off path never touches JavaFX.
 *
 * @param client  the backend, behind the interface the view models use
 * @param links   incoming sign-in links
 * @param backend what to show about the backend
 * @param dataDir the app's data folder (logs, pending request, fallback token file)
 */
public record AppContext(SignInClient client, IncomingLinks links, BackendInfo backend, Path dataDir) {

    public AppContext {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(dataDir, "dataDir");
    }
}
