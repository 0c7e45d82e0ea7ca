package com.example.signin.lambdas.driver;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Secrets Manager's GetSecretValue (AWS JSON 1.1) on 127.0.0.1, handed to the SDK through its
 * endpoint system property before any handler is built: every handler that needs the deployment
 * secret reads it once, at start.
 */
final class FakeSecretsManager {

    static final String SECRET = "driver-deployment-secret-of-forty-eight-chars-xx";

    private final HttpServer server;
    private final AtomicInteger reads = new AtomicInteger();

    private FakeSecretsManager() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            byte[] answer;
            int status;
            if ("secretsmanager.GetSecretValue".equals(target)) {
                reads.incrementAndGet();
                status = 200;
                answer = ("{\"ARN\":\"" + System.getenv("DEPLOYMENT_SECRET_ARN") + "\",\"Name\":\"deployment\",\"SecretString\":\""
                        + SECRET + "\",\"VersionId\":\"v1\"}").getBytes(StandardCharsets.UTF_8);
            } else {
                status = 400;
                answer = ("{\"__type\":\"InvalidRequestException\",\"message\":\"unexpected " + target + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        System.setProperty("aws.endpointUrlSecretsManager", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    static FakeSecretsManager start() throws IOException {
        return new FakeSecretsManager();
    }

    int reads() {
        return reads.get();
    }

    void stop() {
        server.stop(0);
    }
}
