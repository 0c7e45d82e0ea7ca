package com.example.signin.lambdas.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted SMTP server that accepts the first {@code accepted} mails and then refuses every
 * sender with {@code 550}, staying connected: how a relay that stops taking mail answers.
 */
public final class RefusingSmtpServer implements AutoCloseable {

    private final ServerSocket listener;
    private final int accepted;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();

    public RefusingSmtpServer(int accepted) throws IOException {
        this.accepted = accepted;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "refusing-smtp");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    /** Connections the client has closed (after {@code QUIT} or not). */
    public int ended() {
        return ended.get();
    }

    public int received() {
        return received.get();
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                 PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                connections.incrementAndGet();
                reply(out, "220 test ready");
                String line;
                while ((line = in.readLine()) != null) {
                    String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                    switch (verb) {
                        case "EHLO", "HELO", "RCPT", "RSET", "NOOP" -> reply(out, "250 ok");
                        case "MAIL" -> reply(out, received.get() < accepted ? "250 ok" : "550 not taking mail");
                        case "DATA" -> {
                            reply(out, "354 go on");
                            while ((line = in.readLine()) != null && !line.equals(".")) {
                                // the message
                            }
                            received.incrementAndGet();
                            reply(out, "250 queued");
                        }
                        case "QUIT" -> {
                            reply(out, "221 bye");
                            line = null;
                        }
                        default -> reply(out, "500 unknown");
                    }
                    if (line == null) {
                        break;
                    }
                }
                ended.incrementAndGet();
            } catch (IOException e) {
                ended.incrementAndGet();
            }
        }
    }

    private static void reply(PrintWriter out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
