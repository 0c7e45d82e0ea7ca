package com.example.signin.fx.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sign-in links from the local backend's mailbox API, as a person reads their mail. */
public final class Mailbox {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+/open#[A-Za-z0-9_-]{43}");
    /** The code as the mail prints it: two groups of four from OneTimeCode.ALPHABET. */
    private static final Pattern CODE = Pattern.compile("\\b[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}\\b");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String mailboxUrl;

    public Mailbox(String mailboxUrl) {
        this.mailboxUrl = mailboxUrl;
    }

    /** The link of the newest message to {@code email}, if any. */
    public Optional<String> latestLink(String email) throws IOException, InterruptedException {
        Optional<JsonNode> newest = newest(email);
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = LINK.matcher(newest.get().get("text").asText());
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** The one-time code of the newest message to {@code email}, as printed ({@code K7QP-M2XD}), if it has one. */
    public Optional<String> latestCode(String email) throws IOException, InterruptedException {
        Optional<JsonNode> newest = newest(email);
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = CODE.matcher(newest.get().get("text").asText());
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    private Optional<JsonNode> newest(String email) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(mailboxUrl + "/api/messages?to="
                + URLEncoder.encode(email, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("The mailbox answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode newest = null;
        for (JsonNode message : mapper.readTree(response.body())) {
            if (newest == null || Instant.parse(message.get("receivedAt").asText()).isAfter(Instant.parse(newest.get("receivedAt").asText()))) {
                newest = message;
            }
        }
        return Optional.ofNullable(newest);
    }

    /** Waits (bounded) for a message to {@code email} whose link differs from {@code previous}. */
    public String awaitNewLink(String email, Optional<String> previous) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> link = latestLink(email);
            if (link.isPresent() && !link.equals(previous)) {
                return link.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("No new sign-in mail for " + email + " within 60 s");
    }
}
