package com.example.signin.lambdas.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a server that counts the connections clients open, tells how
 * many are open now, and can drop them all (as a server restart would).
 */
public final class CountingTcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final AtomicInteger opened = new AtomicInteger();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    public CountingTcpProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    public int opened() {
        return opened.get();
    }

    /** Connections the client has not closed yet. */
    public int open() {
        return (int) clients.stream().filter(s -> !s.isClosed()).count();
    }

    /** Closes every connection, as a server that restarts does. */
    public void dropAll() {
        for (Socket s : clients) {
            closeQuietly(s);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                opened.incrementAndGet();
                clients.add(client);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        dropAll();
    }
}
