package com.example.signin.desktop.handoff;

import com.example.signin.desktop.LaunchArguments;
import com.example.signin.desktop.StartHandOff;
import com.example.signin.fx.AppFolders;

/**
 * The installed scheme handler's entry point: {@code LinkOpener [--data-dir DIR] [--config FILE] [LINK]},
 * the same command line as {@code Main}. It hands the link to the running instance over the
 * single-instance socket ({@link StartHandOff}, the same function {@code Main} uses) and exits; it
 * never starts the app. It runs in a JVM whose class path is only the hand-off jar
 * ({@code lib/handoff/handoff.jar} in the installed app, the classes listed in
 * {@code src/packaging/handoff-classes.txt}), so it loads a handful of classes, and the installed
 * {@code open-link} script starts the full app only when this answers {@link #NO_INSTANCE}.
 *
 * <p>Exit codes: {@code 0} the running instance took the link; {@value #REFUSED} the command line
 * is wrong or the instance refused the link (a sentence on stderr); {@value #NO_INSTANCE} there
 * is no link to hand over, or no instance runs: start the app.
 */
public final class LinkOpener {

    /** The instance took the link. */
    public static final int DELIVERED = 0;
    /** A bad command line, or a link the instance refused. */
    public static final int REFUSED = 2;
    /** Nothing was handed over: the caller starts the full app with the same arguments. */
    public static final int NO_INSTANCE = 3;

    private LinkOpener() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Does the hand-off for {@code args}; returns the exit code. */
    public static int run(String... args) {
        LaunchArguments arguments;
        try {
            arguments = LaunchArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return REFUSED;
        }
        if (arguments.link().isEmpty()) {
            // Without a link the full app starts (and itself asks a running copy for its window).
            return NO_INSTANCE;
        }
        return StartHandOff.offer(arguments, AppFolders.forCurrentUser(arguments.dataDir()).dataDir()).orElse(NO_INSTANCE);
    }
}
