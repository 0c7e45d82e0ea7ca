package com.example.signin.desktop.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET {apiUrl}/me} as the contract says: the access token as a bearer token, the person back, 401 told apart. */
class MeClientTest {

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private MeClient clientAnswering(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        return new MeClient(CompletableFuture.completedFuture("http://127.0.0.1:" + server.getAddress().getPort() + "/prod/"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static MeClient.Answer await(CompletableFuture<MeClient.Answer> answer) throws Exception {
        return answer.get(30, TimeUnit.SECONDS);
    }

    @Test
    void theAccessTokenGoesAsABearerTokenAndThePersonComesBack() throws Exception {
        MeClient client = clientAnswering(200, "{\"email\": \"alice@example.com\", \"sub\": \"1234-abcd\"}");
        assertThat(await(client.me("access.token.value"))).isEqualTo(new MeClient.Answer.Me("alice@example.com", "1234-abcd"));
        assertThat(paths).containsExactly("GET /prod/me");
        assertThat(authorizations).containsExactly("Bearer access.token.value");
    }

    @Test
    void aRefusedTokenIsUnauthorized() throws Exception {
        MeClient client = clientAnswering(401, "{\"message\": \"Unauthorized\"}");
        assertThat(await(client.me("expired"))).isEqualTo(new MeClient.Answer.Unauthorized());
    }

    @Test
    void aServerErrorOrAnAnswerWithoutThePersonIsAFailureNotAPerson() throws Exception {
        assertThat(await(clientAnswering(500, "{}").me("t"))).isInstanceOf(MeClient.Answer.Failed.class);
        stop();
        assertThat(await(clientAnswering(200, "{\"email\": \"a@example.com\"}").me("t")))
                .isInstanceOf(MeClient.Answer.Failed.class);
        stop();
        assertThat(await(clientAnswering(200, "<html>").me("t"))).isInstanceOf(MeClient.Answer.Failed.class);
    }

    @Test
    void anUnreachableApiIsAFailureAndTheFutureStillCompletes() throws Exception {
        MeClient client = new MeClient(CompletableFuture.completedFuture("http://127.0.0.1:9"));
        assertThat(await(client.me("t"))).isInstanceOf(MeClient.Answer.Failed.class);
    }

    @Test
    void aBackendThatNeverStartedIsAFailure() throws Exception {
        MeClient client = new MeClient(CompletableFuture.failedFuture(new IOException("the local backend did not start")));
        assertThat(await(client.me("t"))).isEqualTo(new MeClient.Answer.Failed("java.io.IOException: the local backend did not start"));
    }
}
