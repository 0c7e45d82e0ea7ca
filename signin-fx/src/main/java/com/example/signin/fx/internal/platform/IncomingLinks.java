package com.example.signin.fx.internal.platform;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * Where sign-in links arrive from outside (command line, a second process over the
 * single-instance socket, the macOS open-URI handler) on their way to the screens, and requests
 * of later starts to bring the window to the front. Links that
 * arrive before the screens are ready wait here, in order, so none is lost at a cold start.
 * The handler is called on the thread that delivers the link; the UI moves it to its own thread.
 */
public final class IncomingLinks {

    /** Links kept before the screens are ready; a flood beyond this is dropped. */
    static final int MAX_QUEUED = 32;

    private final Queue<String> waiting = new ArrayDeque<>();
    private Consumer<String> handler;
    private volatile Runnable raiseHandler = () -> { };

    /** Delivers {@code link} now, or keeps it until a handler is set. */
    public void deliver(String link) {
        Objects.requireNonNull(link, "link");
        Consumer<String> target;
        synchronized (this) {
            if (handler == null) {
                if (waiting.size() < MAX_QUEUED) {
                    waiting.add(link);
                }
                return;
            }
            target = handler;
        }
        target.accept(link);
    }

    /**
     * Another start of the app (without a link) asks for the window. Before the window has set
     * its handler this does nothing: the window is about to show in front anyway.
     */
    public void raiseWindow() {
        raiseHandler.run();
    }

    /** Sets what {@link #raiseWindow()} does; called on the thread that delivers the request. */
    public void setRaiseHandler(Runnable handler) {
        raiseHandler = Objects.requireNonNull(handler, "handler");
    }

    /** Sets the handler and hands it every link that waited. */
    public void setHandler(Consumer<String> newHandler) {
        Objects.requireNonNull(newHandler, "newHandler");
        while (true) {
            String next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    handler = newHandler;
                    return;
                }
            }
            newHandler.accept(next);
        }
    }
}
