package com.example.signin.fx;

import com.example.signin.fx.internal.platform.LinkHandoff;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The second start's side of the single-instance hand-off: offers a link (or, without one, the
 * request to bring the window to the front) to a copy of the app that already runs. It touches
 * no JavaFX, no logging framework and no network library, so a click on a link while the app
 * runs costs one small JVM start; a host's {@code main} calls it before starting JavaFX (see
 * {@link MagicLinkSignIn#handOff(String, String...)}). Every method may be called on any thread
 * and blocks for a few seconds at most.
 */
public final class HandOff {

    /** What a running copy says about a link it will not take. */
    public static final String REFUSED_SENTENCE = "The app refused this link: it is too long to be a sign-in link.";

    /** What became of a hand-off. */
    public enum Result {
        /** The running copy took the link (or the request to bring its window to the front). */
        DELIVERED,
        /** No copy runs on this data folder (none runs, or it is still starting): this process should become the app. */
        NO_INSTANCE,
        /** The running copy answered but refused the link: it is too long to be a sign-in link. */
        REFUSED
    }

    private HandOff() {
    }

    /**
     * Offers {@code link}, or when empty the request to bring the window to the front, to the
     * copy of the app that owns {@code dataDir}. Never throws for an absent, starting or dead copy.
     *
     * @param dataDir the app's data folder
     * @param link    the link to hand over, if any
     * @return what became of it
     */
    public static Result offer(Path dataDir, Optional<String> link) {
        LinkHandoff.Result result = link.isPresent() ? LinkHandoff.send(dataDir, link.get()) : LinkHandoff.raise(dataDir);
        return Result.valueOf(result.name());
    }

    /**
     * Offers a start's command line to a running copy of the app named {@code appName}, in the
     * OS's data folder for that name; a refused link is reported on standard error.
     *
     * @param appName the app's folder name
     * @param args    the command line; the link is found by {@link LinkArguments#find}
     * @return true when this process is done (a running copy took it or refused the link); false
     *         when no copy runs and this process should start the app
     * @throws IllegalArgumentException when the link on the command line is malformed; the message says how
     */
    public static boolean offer(String appName, String... args) {
        Optional<String> link = LinkArguments.find(List.of(args));
        Result result = offer(AppFolders.forCurrentUser(appName, Optional.empty()).dataDir(), link);
        if (result == Result.REFUSED) {
            System.err.println(REFUSED_SENTENCE);
        }
        return result != Result.NO_INSTANCE;
    }
}
