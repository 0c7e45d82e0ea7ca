package com.example.signin.fx.internal.platform;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The single-instance socket's location and wire format, shared by the running instance and the
 * process that hands it a link. One connection carries one line (the link, UTF-8, at most
 * {@value #MAX_LINE_BYTES} bytes with the newline; or {@value #RAISE} from a start without a
 * link, asking the instance to bring its window to the front) and gets one line back:
 * {@value #OK}, or {@value #TOO_LONG}. Reads and writes are bounded in time with a selector, since a Unix-domain
 * {@link SocketChannel} has no socket timeout.
 */
final class InstanceSocket {

    static final int MAX_LINE_BYTES = 4096;
    static final String OK = "OK";
    static final String TOO_LONG = "TOO_LONG";
    /** Not a link (no scheme), so it cannot be mistaken for one: the screens would refuse it anyway. */
    static final String RAISE = "RAISE";

    private InstanceSocket() {
    }

    /** The folder (0700) holding the socket and its lock file. */
    static Path runDirectory(Path dataDir) {
        return dataDir.resolve("run");
    }

    static Path socketPath(Path dataDir) {
        return runDirectory(dataDir).resolve("instance.sock");
    }

    static Path lockPath(Path dataDir) {
        return runDirectory(dataDir).resolve("instance.lock");
    }

    /** {@code line} without the carriage return a Windows-style sender puts before the newline. */
    static String withoutCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** A line longer than the cap. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException() {
            super("The line is longer than " + MAX_LINE_BYTES + " bytes");
        }
    }

    /** Writes {@code line} and a newline before {@code deadlineNanos}; the channel must be non-blocking. */
    static void writeLine(SocketChannel channel, String line, long deadlineNanos) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_WRITE);
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    await(selector, deadlineNanos);
                }
            }
        }
    }

    /**
     * Reads one line (without its newline) before {@code deadlineNanos}; the channel must be
     * non-blocking.
     *
     * @throws LineTooLongException   past {@value #MAX_LINE_BYTES} bytes without a newline
     * @throws EOFException           if the peer closed before a newline
     * @throws SocketTimeoutException if the deadline passed
     */
    static String readLine(SocketChannel channel, long deadlineNanos) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_LINE_BYTES);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (true) {
                int read = channel.read(buffer);
                if (read < 0) {
                    throw new EOFException("The peer closed the connection before the end of the line");
                }
                for (int i = buffer.position() - read; i < buffer.position(); i++) {
                    if (buffer.get(i) == '\n') {
                        return new String(buffer.array(), 0, i, StandardCharsets.UTF_8);
                    }
                }
                if (!buffer.hasRemaining()) {
                    throw new LineTooLongException();
                }
                if (read == 0) {
                    await(selector, deadlineNanos);
                }
            }
        }
    }

    private static void await(Selector selector, long deadlineNanos) throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("The other side did not answer in time");
        }
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("Interrupted");
        }
    }
}
