package com.example.signin.fx;

import com.example.signin.fx.internal.platform.SchemeRegistrar;
import java.io.IOException;
import java.util.Objects;

/**
 * Makes the app the handler of its sign-in links' URL scheme, so a click on a link in the mail
 * opens (or reaches) the app: a desktop entry and {@code xdg-mime} on Linux, the per-user
 * registry on Windows; on macOS the app bundle's {@code Info.plist} declares the scheme and
 * nothing is written. {@link MagicLinkSignIn} registers on the first run by itself; this class
 * is for a host's explicit "register" and "unregister" commands. Calls block on file writes and
 * the OS tools, so make them off the JavaFX thread.
 */
public final class SchemeHandler {

    private final SchemeRegistrar registrar;

    /**
     * The handler of {@code scheme} links for the app in {@code environment}.
     *
     * @param environment the user's desktop and the command the OS should run
     * @param scheme      the links' scheme, e.g. {@code com.example.signin}
     * @throws NullPointerException when an argument is missing
     */
    public SchemeHandler(DesktopEnvironment environment, String scheme) {
        Objects.requireNonNull(environment, "environment");
        this.registrar = new SchemeRegistrar(environment.appName(), environment.os(), environment.variables(),
                environment.home(), environment.folders().dataDir(), Objects.requireNonNull(scheme, "scheme"),
                environment.launcher(), SchemeRegistrar.CommandRunner.PROCESSES);
    }

    /**
     * Registers the app as the handler of its scheme (idempotent).
     *
     * @throws IOException when a file cannot be written or an OS tool fails; the message says which
     */
    public void register() throws IOException {
        registrar.register();
    }

    /**
     * Removes the registration and remembers that, so later starts do not register again.
     *
     * @throws IOException when a file cannot be removed or an OS tool fails
     */
    public void unregister() throws IOException {
        registrar.unregister();
    }

    /**
     * Registers on the first run, keeps the registration current afterwards, and does nothing
     * after an explicit {@link #unregister()}.
     *
     * @throws IOException when a file cannot be written or an OS tool fails
     */
    public void registerOnFirstRun() throws IOException {
        registrar.registerOnFirstRun();
    }
}
