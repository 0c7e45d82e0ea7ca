package com.example.signin.local.internal;

import com.example.signin.protocol.LinkPage;
import com.example.signin.protocol.MeApi;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server of the backend, on 127.0.0.1: the user pool endpoint at {@code POST /},
 * the JWKS under the issuer, the sign-in API under {@code /api} ({@code POST /api/signin},
 * {@code GET /api/me}), the link page at {@code /open}
 * and the mailbox under {@code /mailbox/<random segment made at each start>}.
 *
 * <p>It trusts only its owner: a request whose {@code Host} is not {@code 127.0.0.1:<port>} or
 * {@code localhost:<port>} is refused (421) before anything else, so a web page cannot reach it
 * through DNS rebinding; the sign-in handler itself refuses a {@code POST /api/signin} that is not
 * {@code application/json} (415), which a cross-site form cannot send; IAM operations of the user pool need a SigV4
 * signature with the key in {@code endpoints.json} ({@link AdminSignature}). Every request must
 * arrive within {@link #MAX_REQUEST_SECONDS} and at most {@link #WORKERS} are served at once with
 * {@link #QUEUE} waiting; past that a connection is closed, so slow clients cannot hold the server.
 */
public final class HttpFront implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);

    public static final String API_PATH = "/api";
    public static final String MAILBOX_PATH = "/mailbox";
    private static final long MAX_DRAIN_BYTES = 16L * 1024 * 1024;
    /** A request whose headers and body have not arrived in this time is cut off by the JDK server. */
    public static final int MAX_REQUEST_SECONDS = 10;
    public static final int WORKERS = 64;
    public static final int QUEUE = 256;

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile Routes routes;

    /** What the server answers; set once the parts that need the port exist. */
    public record Routes(String userPoolId, UserPoolEndpoint userPool, Supplier<String> jwks, SignInRoute signIn, MeRoute me,
                         LinkPage linkPage, Supplier<Mailbox> mailbox, String mailboxPath, AdminSignature adminSignature,
                         Clock clock) {
    }

    private HttpFront(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds 127.0.0.1: {@code port} if it is not 0, else {@code preferred} if it is free, else any free port.
     * Nothing is answered until {@link #serve} (requests wait).
     */
    public static HttpFront bind(int port, int preferred) throws IOException {
        // Without TCP_NODELAY the JDK server's split writes meet the client's delayed ACK: ~40 ms per
        // request on loopback. Read once, when the JDK's first HTTP server is made; an explicit setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // The JDK server's own read deadline (headers and body), read at the same moment: it closes
        // the connection of a client that sends too slowly, freeing its worker. (Not maxRspTime:
        // that one would also cut a slow answer, such as the first sign-in on a busy machine.)
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        }
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        HttpServer server;
        if (port != 0) {
            try {
                server = HttpServer.create(new InetSocketAddress(loopback, port), 128);
            } catch (BindException e) {
                throw new BindException("Port " + port + " on 127.0.0.1 is in use; choose another with --port, or 0 for any free port");
            }
        } else if (preferred > 0) {
            try {
                server = HttpServer.create(new InetSocketAddress(loopback, preferred), 128);
            } catch (BindException e) {
                LOG.info("The previous port {} is taken; links mailed before this start will not open the page", preferred);
                server = HttpServer.create(new InetSocketAddress(loopback, 0), 128);
            }
        } else {
            server = HttpServer.create(new InetSocketAddress(loopback, 0), 128);
        }
        AtomicInteger count = new AtomicInteger();
        // Bounded: when every worker is busy and the queue is full, the JDK server closes the new
        // connection (the executor's AbortPolicy) instead of queueing without end.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "local-backend-http-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        // All workers before queueing: a trigger calls back into this server (AdminCreateUser and the like).
        executor.allowCoreThreadTimeOut(true);
        HttpFront front = new HttpFront(server, executor);
        server.setExecutor(executor);
        server.createContext("/", front::dispatch);
        server.start();
        return front;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void serve(Routes routes) {
        this.routes = routes;
        synchronized (this) {
            notifyAll();
        }
    }

    private Routes awaitRoutes() throws InterruptedException {
        Routes r = routes;
        if (r != null) {
            return r;
        }
        synchronized (this) {
            while (routes == null) {
                wait(1000);
            }
            return routes;
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (!isOwnHost(host, exchange.getRequestHeaders().get("Host"))) {
                LOG.warn("Refused a request for Host '{}' (only 127.0.0.1:{} and localhost:{} are answered)", host, port(), port());
                refuse(exchange, 421, "misdirected_request", "This local backend answers only requests addressed to 127.0.0.1:"
                        + port() + " or localhost:" + port() + ". A page of another site cannot use it.");
                return;
            }
            Routes r = awaitRoutes();
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/")) {
                cognito(exchange, r, method);
            } else if (path.equals("/" + r.userPoolId() + "/.well-known/jwks.json") && isRead(method)) {
                send(exchange, 200, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
                        r.jwks().get().getBytes(StandardCharsets.UTF_8));
            } else if (path.equals(API_PATH + "/signin")) {
                signIn(exchange, r, method);
            } else if (path.equals(API_PATH + MeApi.PATH) && "GET".equals(method)) {
                write(exchange, r.me().handle(exchange.getRequestHeaders(), r.clock().millis()));
            } else if (path.equals("/open") && isRead(method)) {
                send(exchange, 200, r.linkPage().headers(), r.linkPage().body());
            } else if (path.equals(r.mailboxPath()) && isRead(method)) {
                send(exchange, 200, Map.of("Content-Type", "text/html; charset=utf-8",
                        "Content-Security-Policy", r.mailbox().get().pageCsp(), "Cache-Control", "no-store",
                        "Referrer-Policy", "no-referrer", "X-Content-Type-Options", "nosniff"),
                        r.mailbox().get().page(null).getBytes(StandardCharsets.UTF_8));
            } else if (path.equals(r.mailboxPath() + "/api/messages") && isRead(method)) {
                String to = query(exchange.getRequestURI().getRawQuery(), "to");
                String json;
                try {
                    json = r.mailbox().get().messagesJson(to, query(exchange.getRequestURI().getRawQuery(), "wait"));
                } catch (IllegalArgumentException e) {
                    send(exchange, 400, Map.of("Content-Type", "text/plain; charset=utf-8"), (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                send(exchange, 200, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
                        json.getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 404, Map.of("Content-Type", "text/plain; charset=utf-8"),
                        ("Nothing here. The local backend answers POST / (user pool), POST " + API_PATH
                                + "/signin, GET " + API_PATH + MeApi.PATH + ", GET /open, and the mailbox at the mailboxUrl in its endpoints.json.\n")
                                .getBytes(StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("A client went away: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure answering {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
            try {
                send(exchange, 500, Map.of("Content-Type", "text/plain; charset=utf-8"),
                        "Internal error in the local backend; see its log.\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException ignored) {
                // The response had already started; the client sees a broken connection.
            }
        }
    }

    private static void cognito(HttpExchange exchange, Routes r, String method) throws IOException {
        Headers in = exchange.getRequestHeaders();
        UserPoolEndpoint.Answer answer;
        if (!"POST".equals(method)) {
            answer = UserPoolEndpoint.error(400, "UnknownOperationException",
                    "The user pool endpoint takes POST with an X-Amz-Target header (AWS JSON 1.1).");
        } else {
            byte[] body = readBody(exchange, UserPoolEndpoint.MAX_BODY_BYTES);
            String target = in.getFirst("X-Amz-Target");
            Optional<AdminSignature.Refusal> refusal = body != null && AdminSignature.isIamOperation(target)
                    ? r.adminSignature().verify(method, exchange.getRequestURI().getRawPath(),
                            exchange.getRequestURI().getRawQuery(), name -> in.getOrDefault(name, List.of()), body, Instant.now())
                    : Optional.empty();
            if (refusal.isPresent()) {
                LOG.warn("Refused {}: {}", target, refusal.get().type());
                answer = UserPoolEndpoint.error(403, refusal.get().type(), refusal.get().message());
            } else {
                answer = r.userPool().handle(target, body, in.getFirst("User-Agent"));
            }
        }
        Headers out = exchange.getResponseHeaders();
        out.set("Content-Type", UserPoolEndpoint.CONTENT_TYPE);
        out.set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (answer.errorType() != null) {
            out.set("x-amzn-ErrorType", answer.errorType());
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }

    private static void signIn(HttpExchange exchange, Routes r, String method) throws IOException {
        byte[] body = "POST".equals(method) ? readBody(exchange, SignInRoute.MAX_READ_BYTES) : new byte[0];
        write(exchange, r.signIn().handle(method, exchange.getRequestHeaders(), body, r.clock().millis()));
    }

    private static void write(HttpExchange exchange, SignInRoute.Response response) throws IOException {
        Headers out = exchange.getResponseHeaders();
        response.headers().forEach((name, values) -> out.put(name, List.copyOf(values)));
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        if (response.body().length > 0) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(response.body());
            }
        }
    }

    /** Exactly one Host header naming this server's port on a loopback name. */
    private boolean isOwnHost(String host, List<String> all) {
        if (host == null || all.size() != 1) {
            return false;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        String port = ":" + port();
        return h.equals("127.0.0.1" + port) || h.equals("localhost" + port)
                || (port() == 80 && (h.equals("127.0.0.1") || h.equals("localhost")));
    }

    /** The front's own refusals, in the sign-in API's error shape. */
    private static void refuse(HttpExchange exchange, int status, String error, String message) throws IOException {
        exchange.getResponseHeaders().set("Connection", "close");
        send(exchange, status, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
                ("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    /** The body, or {@code null} when it is longer than {@code max} bytes. */
    private static byte[] readBody(HttpExchange exchange, int max) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                // Read on (up to a bound) so the client gets the answer rather than a reset connection.
                byte[] sink = new byte[64 * 1024];
                long drained = 0;
                int n;
                while (drained < MAX_DRAIN_BYTES && (n = in.read(sink)) > 0) {
                    drained += n;
                }
                exchange.getResponseHeaders().set("Connection", "close");
                return null;
            }
            return bytes;
        }
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        Headers out = exchange.getResponseHeaders();
        headers.forEach(out::set);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

    static String query(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
