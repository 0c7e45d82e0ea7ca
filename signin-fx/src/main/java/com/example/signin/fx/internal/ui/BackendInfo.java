package com.example.signin.fx.internal.ui;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the screens show about the backend: whether it is the embedded local one (the "local
 * mode" badge) and, then, where its mailbox is. The mailbox address is known once the local
 * backend has started, which the window does not wait for.
 */
public record BackendInfo(boolean local, CompletableFuture<Optional<URI>> mailboxUrl) {

    public BackendInfo {
        Objects.requireNonNull(mailboxUrl, "mailboxUrl");
    }

    public static BackendInfo aws() {
        return new BackendInfo(false, CompletableFuture.completedFuture(Optional.empty()));
    }
}
