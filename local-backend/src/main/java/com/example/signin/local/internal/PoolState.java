package com.example.signin.local.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What survives a restart of the user pool: its ids, users and refresh tokens (by hash only),
 * stored as one JSON file replaced by atomic rename. Not thread-safe: {@link UserPool} guards it.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class PoolState {

    public String userPoolId;
    public String clientId;
    /** Per-data-folder deployment secret the link table's keys derive from (in AWS: Secrets Manager). */
    public String linkHashSalt;
    /** The port of the last start, reused when free so that links mailed before a restart still open. */
    public int lastPort;
    public List<User> users = new ArrayList<>();
    public List<RefreshToken> refreshTokens = new ArrayList<>();

    /** A user of the pool. In a pool whose username attribute is email, the username is the sub. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class User {
        public String username;
        public Map<String, String> attributes = new LinkedHashMap<>();
        public String status;
        public boolean enabled = true;
        public long createdEpochMillis;
        public long modifiedEpochMillis;

        public String email() {
            return attributes.get("email");
        }
    }

    /** An opaque refresh token, known by the SHA-256 of its text. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class RefreshToken {
        public String hash;
        public String username;
        public String clientId;
        public String originJti;
        public long authTimeEpochSeconds;
        public long expiresEpochSeconds;
        public boolean revoked;
    }

    public static PoolState load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), PoolState.class);
        } catch (IOException e) {
            throw new IOException("The user pool file " + file + " is damaged: " + e.getMessage()
                    + ". Move it away to start with an empty pool.", e);
        }
    }

    public void save(Path file) throws IOException {
        DataFiles.writeAtomically(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this), true);
    }
}
