package com.example.signin.fx.internal.platform;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The second process's side of the single-instance socket: hands a link to the running instance,
 * or asks it to bring its window to the front (a start without a link: menu, dock, command line).
 * This runs before anything else at start-up and must stay cheap: it touches no JavaFX, no
 * logging framework and no network library.
 */
public final class LinkHandoff {

    /** How long the running instance may take to answer. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

    /** What became of a hand-off. */
    public enum Result {
        /** The running instance took the link (or the request to raise its window). */
        DELIVERED,
        /** No instance listens on the socket (none runs, or it is still starting). */
        NO_INSTANCE,
        /** The running instance answered but refused the link (too long). */
        REFUSED
    }

    private LinkHandoff() {
    }

    /** Hands {@code link} to the instance that owns {@code dataDir}. */
    public static Result send(Path dataDir, String link) {
        return deliver(dataDir, link);
    }

    /** Asks the instance that owns {@code dataDir} to bring its window to the front. */
    public static Result raise(Path dataDir) {
        return deliver(dataDir, InstanceSocket.RAISE);
    }

    private static Result deliver(Path dataDir, String line) {
        Path socket = InstanceSocket.socketPath(dataDir);
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            // Nobody listens (the usual cold start). Asked before opening a channel: the JDK's first
            // channel looks up its provider in every jar on the class path, over 100 ms for the app's.
            return Result.NO_INSTANCE;
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException | UnsupportedOperationException e) {
            return Result.NO_INSTANCE;
        }
        try (channel) {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                // No socket file, or a stale one nobody listens on.
                return Result.NO_INSTANCE;
            }
            channel.configureBlocking(false);
            long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
            InstanceSocket.writeLine(channel, line, deadline);
            String answer = InstanceSocket.readLine(channel, deadline);
            return InstanceSocket.OK.equals(answer) ? Result.DELIVERED : Result.REFUSED;
        } catch (IOException e) {
            // The listener died or hung mid-way: treat it as gone, the caller may become the instance.
            return Result.NO_INSTANCE;
        }
    }
}
