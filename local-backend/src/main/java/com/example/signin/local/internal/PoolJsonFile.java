package com.example.signin.local.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pool.json}, where versions before the {@link MvUserStore} kept the whole pool (rewritten
 * on every change). Read once, to move an existing data folder onto the store.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
final class PoolJsonFile {

    static final String NAME = "pool.json";

    String userPoolId;
    String clientId;
    String linkHashSalt;
    int lastPort;
    List<PoolUser> users = new ArrayList<>();
    List<RefreshTokenRecord> refreshTokens = new ArrayList<>();

    /** The file's content, or null when there is none. */
    static PoolJsonFile load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        PoolJsonFile pool;
        try {
            pool = Json.MAPPER.readValue(file.toFile(), PoolJsonFile.class);
        } catch (IOException e) {
            throw damaged(file, e.getMessage(), e);
        }
        if (pool == null || pool.userPoolId == null || pool.clientId == null || pool.linkHashSalt == null) {
            throw damaged(file, "it lacks the pool's ids", null);
        }
        return pool;
    }

    private static IOException damaged(Path file, String why, Exception cause) {
        return new IOException("The user pool file " + file + " is damaged: " + why
                + ". Move it away to start with an empty pool.", cause);
    }
}
