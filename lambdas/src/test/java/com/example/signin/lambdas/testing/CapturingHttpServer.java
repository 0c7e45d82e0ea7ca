package com.example.signin.lambdas.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK HTTP server on 127.0.0.1 (any free port) that records every request and answers with
 * the responses queued by the test, in order (then 500).
 */
public final class CapturingHttpServer implements AutoCloseable {

    /** One request as it came over the wire. */
    public record Captured(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** A canned answer. */
    public record Canned(int status, Map<String, String> headers, String body) {
    }

    public final List<Captured> requests = new CopyOnWriteArrayList<>();
    private final Deque<Canned> answers = new ArrayDeque<>();
    private final HttpServer server;

    public CapturingHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public synchronized CapturingHttpServer answer(int status, String contentType, String body) {
        answers.add(new Canned(status, Map.of("Content-Type", contentType), body));
        return this;
    }

    public synchronized CapturingHttpServer answer(int status, Map<String, String> headers, String body) {
        answers.add(new Canned(status, headers, body));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Captured(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        Canned canned;
        synchronized (this) {
            canned = answers.isEmpty() ? new Canned(500, Map.of("Content-Type", "text/plain"), "no answer queued") : answers.poll();
        }
        byte[] bytes = canned.body().getBytes(StandardCharsets.UTF_8);
        canned.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(canned.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
