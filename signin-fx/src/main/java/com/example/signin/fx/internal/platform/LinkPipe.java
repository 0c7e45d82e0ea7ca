package com.example.signin.fx.internal.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running instance's named pipe ({@code run/links.fifo}, beside the socket): the way a click on
 * a link reaches the app without starting a JVM. The registered handler is a shell script that
 * writes the link as one line into the pipe (a write of at most {@code PIPE_BUF} = 4096 bytes
 * is atomic, so lines of two clicks never mix) and falls back to the Java launcher, and so the
 * socket, when no instance reads the pipe. Plain {@code sh} cannot speak a Unix socket, hence the
 * pipe.
 *
 * <p>Security: the pipe is made 0600 in the 0700 run folder, and both are checked (type, owner =
 * this user, mode) before it is used; anything else is refused and links come through the socket
 * only. The instance holds the pipe open for reading and writing too, so its reads never see an
 * end of file; when the instance is gone nobody holds it open, and the script's non-blocking open for
 * writing fails at once (then it starts the launcher). Lines are never
 * trusted: over {@link InstanceSocket#MAX_LINE_BYTES}, not UTF-8, or holding a control character,
 * they are logged (never their content) and dropped; the others go exactly where socket lines go
 * (the screens parse them strictly). Nothing from the pipe is executed or used as a path.
 */
public final class LinkPipe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LinkPipe.class);
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PIPE = PosixFilePermissions.fromString("rw-------");

    private final Path pipe;
    /** Open for reading and writing: keeps the pipe from reading as ended, and wakes the reader on close. */
    private final FileChannel keeper;
    /** What the reader thread reads (a channel of its own: a FileChannel serializes reads and writes). */
    private final FileChannel channel;
    private final Consumer<String> lines;
    private final Thread reader;
    private volatile boolean closed;

    private LinkPipe(Path pipe, FileChannel keeper, FileChannel channel, Consumer<String> lines) {
        this.pipe = pipe;
        this.keeper = keeper;
        this.channel = channel;
        this.lines = lines;
        this.reader = new Thread(this::readLoop, "instance-pipe");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** The pipe of the instance that owns {@code dataDir}. */
    public static Path pipePath(Path dataDir) {
        return InstanceSocket.runDirectory(dataDir).resolve("links.fifo");
    }

    /**
     * Makes the pipe in {@code runDir} (whose instance lock the caller holds: whatever is at the
     * pipe's name is stale and replaced) and reads it on a daemon thread; each valid line goes to
     * {@code lines}. Empty when the pipe cannot be used here (no POSIX file system, no
     * {@code mkfifo}, wrong owner or mode); the reason is logged and the socket still works.
     */
    static Optional<LinkPipe> open(Path runDir, Consumer<String> lines) {
        Objects.requireNonNull(lines, "lines");
        Path pipe = runDir.resolve("links.fifo");
        try {
            if (!PrivateFiles.isPosix(runDir)) {
                return Optional.empty();
            }
            String user = System.getProperty("user.name");
            Optional<String> refusal = refusal(runDir, user, true, DIRECTORY);
            if (refusal.isPresent()) {
                LOG.warn("Not opening the link pipe: {}; links arrive through the socket only", refusal.get());
                return Optional.empty();
            }
            Files.deleteIfExists(pipe);
            Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", pipe.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
                mkfifo.destroyForcibly();
                LOG.warn("mkfifo could not make the link pipe {}; links arrive through the socket only", pipe);
                return Optional.empty();
            }
            refusal = refusal(pipe, user, false, PIPE);
            if (refusal.isPresent()) {
                LOG.warn("Not using the link pipe: {}; links arrive through the socket only", refusal.get());
                Files.deleteIfExists(pipe);
                return Optional.empty();
            }
            // Read and write first: opening does not wait for a writer; then the read end cannot wait either.
            FileChannel keeper = FileChannel.open(pipe, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            FileChannel channel;
            try {
                channel = FileChannel.open(pipe, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                keeper.close();
                throw e;
            }
            LOG.info("Listening for sign-in links on {}", pipe);
            return Optional.of(new LinkPipe(pipe, keeper, channel, lines));
        } catch (IOException e) {
            LOG.warn("The link pipe {} could not be made ({}); links arrive through the socket only", pipe, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Why {@code path} must not be used (not what it should be, another owner, a wider mode), or empty. */
    static Optional<String> refusal(Path path, String user, boolean directory, Set<PosixFilePermission> mode)
            throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        boolean rightType = directory ? attributes.isDirectory() : attributes.isOther();
        if (!rightType) {
            return Optional.of(path + " is not a " + (directory ? "folder" : "named pipe"));
        }
        if (!attributes.owner().getName().equals(user)) {
            return Optional.of(path + " belongs to " + attributes.owner().getName() + ", not to " + user);
        }
        if (!attributes.permissions().equals(mode)) {
            return Optional.of(path + " has the mode " + PosixFilePermissions.toString(attributes.permissions())
                    + " instead of " + PosixFilePermissions.toString(mode));
        }
        return Optional.empty();
    }

    /** The pipe's path. */
    public Path path() {
        return pipe;
    }

    private void readLoop() {
        InputStream in = Channels.newInputStream(channel);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        byte[] buffer = new byte[InstanceSocket.MAX_LINE_BYTES];
        try {
            while (!closed) {
                int read = in.read(buffer);
                if (read < 0) {
                    return;
                }
                for (int i = 0; i < read && !closed; i++) {
                    byte b = buffer[i];
                    if (b != '\n') {
                        // The cap counts the newline, as on the socket.
                        if (line.size() < InstanceSocket.MAX_LINE_BYTES - 1) {
                            line.write(b);
                        } else {
                            tooLong = true;
                        }
                        continue;
                    }
                    if (tooLong) {
                        LOG.warn("Dropped a line from the link pipe longer than {} bytes", InstanceSocket.MAX_LINE_BYTES);
                    } else if (line.size() > 0) {
                        deliver(line.toByteArray());
                    }
                    line.reset();
                    tooLong = false;
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("Reading the link pipe failed ({}); links arrive through the socket only", e.getMessage());
            }
        }
    }

    private void deliver(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            LOG.warn("Dropped a line from the link pipe that is not UTF-8");
            return;
        }
        text = InstanceSocket.withoutCarriageReturn(text);
        if (text.chars().anyMatch(Character::isISOControl)) {
            LOG.warn("Dropped a line from the link pipe holding a control character");
            return;
        }
        try {
            lines.accept(text);
        } catch (RuntimeException e) {
            LOG.error("Delivering a link from the pipe failed", e);
        }
    }

    /** Stops reading and removes the pipe, so a later click falls back to starting the app. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // Wakes the reader blocked in read(): it sees `closed` and ends.
            keeper.write(ByteBuffer.wrap(new byte[] {'\n'}));
        } catch (IOException e) {
            LOG.debug("Waking the pipe reader failed", e);
        }
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (FileChannel c : new FileChannel[] {channel, keeper}) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("Closing the link pipe failed", e);
            }
        }
        try {
            Files.deleteIfExists(pipe);
        } catch (IOException e) {
            LOG.warn("Could not delete the link pipe {}: {}", pipe, e.getMessage());
        }
    }
}
