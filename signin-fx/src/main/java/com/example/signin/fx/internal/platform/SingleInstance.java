package com.example.signin.fx.internal.platform;

import com.example.signin.fx.AppFolders;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running instance's side of the single-instance socket.
 *
 * <p>Who is the instance is decided by an OS file lock on {@code run/instance.lock} in the data
 * folder, held for the life of the process and released by the OS when it dies. The lock holder
 * deletes whatever socket file is there (a stale one from a dead process cannot have a listener,
 * since its owner held the lock) and binds a fresh one. So a stale socket is taken over, and of
 * two cold starts at once exactly one binds; the other keeps handing its link over until the
 * winner listens (see {@link #claim}).
 *
 * <p>Each connection carries one link, or the request to raise the window; the instance checks
 * nothing but the link's size (the screens parse it strictly), answers {@code OK}, and gives a
 * slow client {@link #READ_TIMEOUT} at most.
 *
 * <p>Beside the socket the instance reads a named pipe ({@link LinkPipe}), through which the
 * registered shell handler hands links over without starting a JVM; its lines go the same way as
 * the socket's.
 */
public final class SingleInstance implements AutoCloseable {

    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    /** Connections handled at once; more are closed at once, so a flood cannot pile up threads. */
    static final int MAX_CONCURRENT_CONNECTIONS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(SingleInstance.class);

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ServerSocketChannel server;
    private final Path socket;
    private final Consumer<String> sink;
    private final Runnable raise;
    private final ThreadPoolExecutor handlers;
    private final Thread acceptor;
    private final Thread pipeOpener;
    private volatile LinkPipe pipe;
    private volatile boolean closed;

    private SingleInstance(FileChannel lockChannel, FileLock lock, ServerSocketChannel server, Path socket,
            Consumer<String> sink, Runnable raise) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.server = server;
        this.socket = socket;
        this.sink = sink;
        this.raise = raise;
        AtomicInteger count = new AtomicInteger();
        this.handlers = new ThreadPoolExecutor(0, MAX_CONCURRENT_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, "instance-link-" + count.incrementAndGet()));
        this.acceptor = daemon(this::acceptLoop, "instance-socket");
        this.acceptor.start();
        // Off the start-up path: making the pipe runs mkfifo. Linux only: only its launcher script writes it.
        this.pipeOpener = daemon(() -> {
            if (AppFolders.Os.current() == AppFolders.Os.LINUX) {
                openPipe(socket.getParent());
            }
        }, "instance-pipe-open");
        this.pipeOpener.start();
    }

    private void openPipe(Path runDir) {
        Optional<LinkPipe> opened = LinkPipe.open(runDir, this::dispatch);
        synchronized (this) {
            if (!closed) {
                pipe = opened.orElse(null);
                return;
            }
        }
        opened.ifPresent(LinkPipe::close);
    }

    /** What a start-up with the data folder turned out to be. */
    public sealed interface Claim {
        /** This process is the instance; links arrive at the sink given to {@link #claim}. */
        record Instance(SingleInstance instance) implements Claim {
        }

        /** The running instance took the link; this process should exit. */
        record HandedOff() implements Claim {
        }

        /** Another process is the instance and there was no link to hand it; it was asked to raise its window. */
        record AlreadyRunning() implements Claim {
        }

        /** The running instance refused the link (too long to be one). */
        record Refused() implements Claim {
        }
    }

    /**
     * Becomes the instance for {@code dataDir}, or hands {@code link} to the one that is.
     * Tries the hand-off first when there is a link (the cheap, common case of a click while the
     * app runs). When another process holds the lock but does not listen yet (it is starting),
     * the hand-off is retried until {@code wait} passes.
     *
     * @throws IOException when the data folder cannot be used, or the instance never answered
     */
    public static Claim claim(Path dataDir, Optional<String> link, Consumer<String> sink, Duration wait)
            throws IOException {
        return claim(dataDir, link, sink, () -> { }, wait);
    }

    /**
     * {@link #claim(Path, Optional, Consumer, Duration)}, and {@code raise} is called whenever a
     * later start without a link asks this instance to bring its window to the front. Without a
     * link, this start asks the running instance to raise its window (retried like a link until
     * it listens) and returns {@link Claim.AlreadyRunning}.
     */
    public static Claim claim(Path dataDir, Optional<String> link, Consumer<String> sink, Runnable raise, Duration wait)
            throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            LinkHandoff.Result result = link.isPresent() ? LinkHandoff.send(dataDir, link.get()) : LinkHandoff.raise(dataDir);
            if (result == LinkHandoff.Result.DELIVERED) {
                return link.isPresent() ? new Claim.HandedOff() : new Claim.AlreadyRunning();
            }
            if (result == LinkHandoff.Result.REFUSED) {
                return new Claim.Refused();
            }
            Optional<SingleInstance> bound = tryBind(dataDir, sink, raise);
            if (bound.isPresent()) {
                return new Claim.Instance(bound.get());
            }
            if (System.nanoTime() > deadline) {
                if (link.isEmpty()) {
                    return new Claim.AlreadyRunning();
                }
                throw new IOException("Another copy of the app uses the data folder " + dataDir
                        + " but does not take links. Close it, or wait until it has started, and open the link again.");
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while handing the link over", e);
            }
        }
    }

    /**
     * Takes the instance lock and binds the socket, or returns empty when another process (or
     * another {@code SingleInstance} in this one) holds the lock.
     */
    public static Optional<SingleInstance> tryBind(Path dataDir, Consumer<String> sink) throws IOException {
        return tryBind(dataDir, sink, () -> { });
    }

    /** {@link #tryBind(Path, Consumer)}, with {@code raise} called when a start without a link asks for the window. */
    public static Optional<SingleInstance> tryBind(Path dataDir, Consumer<String> sink, Runnable raise) throws IOException {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(raise, "raise");
        PrivateFiles.createPrivateDirectory(InstanceSocket.runDirectory(dataDir));
        FileChannel lockChannel = FileChannel.open(InstanceSocket.lockPath(dataDir), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            return Optional.empty();
        }
        Path socket = InstanceSocket.socketPath(dataDir);
        try {
            if (Files.deleteIfExists(socket)) {
                LOG.info("Took over the stale instance socket {}", socket);
            }
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(socket), 16);
                PrivateFiles.makePrivate(socket);
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            LOG.info("Listening for sign-in links on {}", socket);
            return Optional.of(new SingleInstance(lockChannel, lock, server, socket, sink, raise));
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    /** The socket this instance listens on. */
    public Path socket() {
        return socket;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel connection;
            try {
                connection = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("The instance socket failed to accept a connection: {}", e.toString());
                }
                continue;
            }
            try {
                handlers.execute(() -> serve(connection));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.warn("Too many links arrive at once; one connection was closed unanswered");
                closeQuietly(connection);
            }
        }
    }

    private void serve(SocketChannel connection) {
        try (connection) {
            connection.configureBlocking(false);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            String line;
            try {
                line = InstanceSocket.readLine(connection, deadline);
            } catch (InstanceSocket.LineTooLongException e) {
                LOG.warn("Refused a handed-over link longer than {} bytes", InstanceSocket.MAX_LINE_BYTES);
                InstanceSocket.writeLine(connection, InstanceSocket.TOO_LONG, deadline);
                return;
            }
            dispatch(InstanceSocket.withoutCarriageReturn(line));
            InstanceSocket.writeLine(connection, InstanceSocket.OK, deadline);
        } catch (IOException e) {
            LOG.info("A link hand-off connection ended without a link: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Delivering a handed-over link failed", e);
        }
    }

    /** One line from the socket or the pipe: the request for the window, or a link for the screens. */
    private void dispatch(String line) {
        if (line.equals(InstanceSocket.RAISE)) {
            LOG.info("Another start of the app asks for the window");
            raise.run();
        } else {
            // Never log the link: it holds the secret.
            LOG.info("A link arrived from another process");
            sink.accept(line);
        }
    }

    /** The named pipe this instance reads, once made (empty before, or where it cannot be used). */
    public Optional<Path> pipe() {
        return Optional.ofNullable(pipe).map(LinkPipe::path);
    }

    /** Waits until the pipe is made or refused (tests and benchmarks; the app never waits for it). */
    public Optional<Path> awaitPipe() throws InterruptedException {
        pipeOpener.join();
        return pipe();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            // A pipe still being made is closed by its opener; wait for that, so it cannot outlive the lock.
            pipeOpener.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LinkPipe openPipe = pipe;
        if (openPipe != null) {
            // First, so a click from now on falls back to the launcher (which waits for the lock).
            openPipe.close();
        }
        closeQuietly(server);
        handlers.shutdownNow();
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("Could not delete the instance socket {}: {}", socket, e.getMessage());
        }
        try {
            lock.release();
        } catch (IOException e) {
            LOG.debug("Releasing the instance lock failed", e);
        }
        closeQuietly(lockChannel);
        LOG.info("Stopped listening for sign-in links");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("Closing {} failed", c, e);
        }
    }
}
