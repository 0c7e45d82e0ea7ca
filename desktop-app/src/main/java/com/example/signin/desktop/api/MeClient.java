package com.example.signin.desktop.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What a signed-in person gets from the backend's own API: {@code GET {apiUrl}/me} with
 * {@code Authorization: Bearer <access token>} answers {@code {"email": ..., "sub": ...}}, and
 * 401 without a valid access token (docs/CONTRACTS.md). Calls run on the HTTP client's threads;
 * the future completes there.
 */
public final class MeClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An answer larger than this is not the small JSON the route returns. */
    private static final int MAX_BODY_CHARS = 16 * 1024;

    private final CompletableFuture<String> apiUrl;
    /**
     * Made on the first call: building an HTTP client initialises the JVM's TLS context (the CA
     * certificates and the security providers, about 100 ms), which the first window need not wait for.
     */
    private volatile HttpClient http;

    /** @param apiUrl the sign-in API's base URL, once the backend is known (the local one may still be starting) */
    public MeClient(CompletableFuture<String> apiUrl) {
        this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl");
    }

    /** What the route answered, in the terms the screen shows. */
    public sealed interface Answer {
        /** 200: the person as the API knows them. */
        record Me(String email, String sub) implements Answer {
        }

        /** 401: the API did not accept the access token. */
        record Unauthorized() implements Answer {
        }

        /** No usable answer (network, another status, or a body that is not the route's JSON); {@code detail} is for the log. */
        record Failed(String detail) implements Answer {
        }
    }

    /** Asks the API who {@code accessToken} belongs to; never completes exceptionally. */
    public CompletableFuture<Answer> me(String accessToken) {
        Objects.requireNonNull(accessToken, "accessToken");
        return apiUrl.thenCompose(base -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + "/me"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + accessToken)
                    .header("Accept", "application/json")
                    .GET().build();
            return http().sendAsync(request, HttpResponse.BodyHandlers.ofString());
        }).thenApply(MeClient::answer).exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return new Answer.Failed(cause.toString());
        });
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                    http = client;
                }
            }
        }
        return client;
    }

    static Answer answer(HttpResponse<String> response) {
        if (response.statusCode() == 401) {
            return new Answer.Unauthorized();
        }
        if (response.statusCode() != 200) {
            return new Answer.Failed("GET /me answered " + response.statusCode());
        }
        String body = response.body();
        if (body == null || body.length() > MAX_BODY_CHARS) {
            return new Answer.Failed("GET /me answered an empty or over-size body");
        }
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode email = json.get("email");
            JsonNode sub = json.get("sub");
            if (email == null || !email.isTextual() || sub == null || !sub.isTextual()) {
                return new Answer.Failed("GET /me answered JSON without email and sub");
            }
            return new Answer.Me(email.asText(), sub.asText());
        } catch (IOException e) {
            return new Answer.Failed("GET /me answered something that is not JSON");
        }
    }
}
