package com.example.signin.fx.internal.platform;

import com.example.signin.fx.Session;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The refresh token of one user pool app client (issuer and client id), inside the data folder's
 * {@link TokenStore} entry, which holds one token per pool and client:
 * {@code {"sessions": [{"issuer": ..., "clientId": ..., "refreshToken": ...}]}}. So after a
 * configuration change the old pool's token is never sent to the new endpoint (and switching
 * back finds it again). A value in any other form (a bare token from an older version, whose pool
 * is unknown) belongs to no pool: it is never sent, and the next save replaces it.
 */
public final class PoolTokenStore implements TokenStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenStore entry;
    private final String issuer;
    private final String clientId;

    public PoolTokenStore(TokenStore entry, String issuer, String clientId) {
        this.entry = Objects.requireNonNull(entry, "entry");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
    }

    @Override
    public Optional<String> load() throws IOException {
        synchronized (entry) {
            for (JsonNode session : sessions()) {
                if (isOurs(session)) {
                    return Optional.of(session.path("refreshToken").asText()).filter(t -> !t.isEmpty());
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public void save(String refreshToken) throws IOException {
        Objects.requireNonNull(refreshToken, "refreshToken");
        synchronized (entry) {
            ArrayNode kept = othersSessions();
            kept.addObject().put("issuer", issuer).put("clientId", clientId).put("refreshToken", refreshToken);
            write(kept);
        }
    }

    @Override
    public void clear() throws IOException {
        synchronized (entry) {
            ArrayNode kept = othersSessions();
            if (kept.isEmpty()) {
                entry.clear();
            } else {
                write(kept);
            }
        }
    }

    @Override
    public Session.TokenStorage storage() {
        return entry.storage();
    }

    private boolean isOurs(JsonNode session) {
        return issuer.equals(session.path("issuer").asText()) && clientId.equals(session.path("clientId").asText());
    }

    private ArrayNode sessions() throws IOException {
        Optional<String> stored = entry.load();
        if (stored.isEmpty()) {
            return JSON.createArrayNode();
        }
        try {
            JsonNode sessions = JSON.readTree(stored.get()).path("sessions");
            return sessions.isArray() ? (ArrayNode) sessions : JSON.createArrayNode();
        } catch (JsonProcessingException e) {
            return JSON.createArrayNode(); // a bare token of an older version: its pool is unknown
        }
    }

    private ArrayNode othersSessions() throws IOException {
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode session : sessions()) {
            if (session.isObject() && !isOurs(session)) {
                kept.add(session);
            }
        }
        return kept;
    }

    private void write(ArrayNode sessions) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.set("sessions", sessions);
        entry.save(JSON.writeValueAsString(root));
    }
}
