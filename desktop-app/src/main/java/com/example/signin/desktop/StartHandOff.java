package com.example.signin.desktop;

import com.example.signin.fx.HandOff;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one hand-off of a start to the running copy, for {@link Main} and for the installed
 * {@code open-link} script's {@code LinkOpener}: a link goes to the running copy; a start
 * without one asks it for its window. Kept free of JavaFX, logging and network libraries
 * (it is part of the small hand-off jar, see {@code src/packaging/handoff-classes.txt}).
 */
public final class StartHandOff {

    private StartHandOff() {
    }

    /**
     * Offers the start to the copy running on {@code dataDir}, printing what a person should
     * read; the exit code when this process is done, empty when it should become the app.
     * Scheme (un)registration commands are never handed over.
     */
    public static Optional<Integer> offer(LaunchArguments arguments, Path dataDir) {
        if (arguments.registerScheme() || arguments.unregisterScheme()) {
            return Optional.empty();
        }
        HandOff.Result result = HandOff.offer(dataDir, arguments.link());
        if (result == HandOff.Result.DELIVERED) {
            if (arguments.link().isEmpty()) {
                System.out.println(alreadyRunning(dataDir));
            }
            return Optional.of(0);
        }
        if (result == HandOff.Result.REFUSED) {
            System.err.println(HandOff.REFUSED_SENTENCE);
            return Optional.of(2);
        }
        return Optional.empty();
    }

    /** What a start says when the app already runs and was asked to show its window. */
    static String alreadyRunning(Path dataDir) {
        return "The app is already running (data folder " + dataDir + "); its window was brought to the front.";
    }
}
