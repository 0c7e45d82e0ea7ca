package com.example.signin.local.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link UserStore} in one MVStore file ({@code pool.mv.db}, H2's embedded key-value engine):
 * users by username with an index by email, refresh tokens by hash with indexes by origin and by
 * user. A change updates the B-tree pages it touches in memory at once; MVStore's background
 * thread writes the changed pages (a few KiB, whatever the pool's size) within
 * {@link #COMMIT_DELAY_MILLIS} and compacts the file, and {@link #close} writes the rest.
 * Committing on the caller's thread instead cost a few milliseconds per change on a busy machine
 * (MVStore hands the write to its own threads); a development backend trades the last fraction of a
 * second of changes before a crash of its process for that.
 *
 * <p>Values are JSON text, so the file reads in any MVStore tool and survives a field added later.
 */
public final class MvUserStore implements UserStore {

    private static final Logger LOG = LoggerFactory.getLogger(MvUserStore.class);
    static final String FILE_NAME = "pool.mv.db";
    /** How long a change may wait in memory before MVStore's background thread writes it. */
    static final int COMMIT_DELAY_MILLIS = 100;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final MVStore store;
    private final MVMap<String, String> meta;
    private final MVMap<String, String> users;
    /** Lower-cased email to username. */
    private final MVMap<String, String> emails;
    private final MVMap<String, String> tokens;
    /** originJti to token hash. */
    private final MVMap<String, String> tokenOrigins;
    /** "username/hash" to "", for revoking every token of a user. */
    private final MVMap<String, String> userTokens;
    private final PoolIds ids;

    private MvUserStore(MVStore store, PoolIds ids) {
        this.store = store;
        this.meta = store.openMap("meta");
        this.users = store.openMap("users");
        this.emails = store.openMap("emails");
        this.tokens = store.openMap("refreshTokens");
        this.tokenOrigins = store.openMap("refreshTokensByOrigin");
        this.userTokens = store.openMap("refreshTokensByUser");
        this.ids = ids;
    }

    /**
     * Opens the store of {@code dataDir}, making it on first use: from the {@code pool.json} of an
     * earlier version when there is one (which is then renamed {@code pool.json.migrated}), else
     * with new ids for {@code region}.
     *
     * @throws IOException when the file is damaged or held by another running backend; the message says what to do
     */
    public static MvUserStore open(Path dataDir, String region) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (POSIX && !Files.exists(file)) {
            // Refresh-token hashes and the link hash salt: readable by the owner only.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).open();
            store.setAutoCommitDelay(COMMIT_DELAY_MILLIS);
        } catch (MVStoreException e) {
            if (e.getErrorCode() == org.h2.mvstore.DataUtils.ERROR_FILE_LOCKED) {
                throw new IOException("The user pool " + file + " is in use by another local backend on the same data folder;"
                        + " stop that one or use another --data-dir.", e);
            }
            throw new IOException("The user pool " + file + " could not be opened (" + e.getMessage()
                    + "). Move it away to start with an empty pool.", e);
        }
        try {
            MVMap<String, String> meta = store.openMap("meta");
            if (meta.get("userPoolId") == null) {
                Path legacy = dataDir.resolve(PoolJsonFile.NAME);
                PoolJsonFile old = PoolJsonFile.load(legacy);
                MvUserStore created = old == null ? create(store, PoolIds.generate(region)) : migrate(store, old);
                if (old != null) {
                    // Written before the old file goes: a crash in between repeats the migration, never loses the pool.
                    store.commit();
                    Files.move(legacy, legacy.resolveSibling(PoolJsonFile.NAME + ".migrated"), StandardCopyOption.REPLACE_EXISTING);
                    LOG.info("Moved {} users and {} refresh tokens from {} into {}", old.users.size(), old.refreshTokens.size(),
                            legacy, file);
                }
                return created;
            }
            return new MvUserStore(store, new PoolIds(meta.get("userPoolId"), meta.get("clientId"), meta.get("linkHashSalt")));
        } catch (IOException | RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    private static MvUserStore create(MVStore store, PoolIds ids) {
        MvUserStore created = new MvUserStore(store, ids);
        // Ids last: a store whose ids are written is whole, so a crash midway repeats the migration.
        created.meta.put("clientId", ids.clientId());
        created.meta.put("linkHashSalt", ids.linkHashSalt());
        created.meta.put("userPoolId", ids.userPoolId());
        return created;
    }

    private static MvUserStore migrate(MVStore store, PoolJsonFile old) {
        MvUserStore created = new MvUserStore(store, new PoolIds(old.userPoolId, old.clientId, old.linkHashSalt));
        for (PoolUser user : old.users) {
            created.putUser(user);
        }
        for (RefreshTokenRecord token : old.refreshTokens) {
            created.putToken(token);
        }
        created.meta.put("lastPort", Integer.toString(old.lastPort));
        return create(store, created.ids);
    }

    @Override
    public PoolIds ids() {
        return ids;
    }

    @Override
    public int lastPort() {
        String port = meta.get("lastPort");
        return port == null ? 0 : Integer.parseInt(port);
    }

    @Override
    public synchronized void rememberPort(int port) {
        meta.put("lastPort", Integer.toString(port));
    }

    @Override
    public Optional<PoolUser> find(String usernameOrEmail) {
        if (usernameOrEmail == null) {
            return Optional.empty();
        }
        String wanted = usernameOrEmail.strip();
        String json = users.get(wanted);
        if (json == null) {
            String username = emails.get(wanted.toLowerCase(Locale.ROOT));
            json = username == null ? null : users.get(username);
        }
        return Optional.ofNullable(json).map(j -> read(j, PoolUser.class));
    }

    @Override
    public synchronized boolean add(PoolUser user) {
        String email = emailKey(user);
        if (users.containsKey(user.username) || (email != null && emails.containsKey(email))) {
            return false;
        }
        putUser(user);
        return true;
    }

    @Override
    public synchronized boolean replace(PoolUser user) {
        PoolUser stored = find(user.username).orElseThrow(() -> new IllegalArgumentException("No user " + user.username));
        String oldEmail = emailKey(stored);
        String newEmail = emailKey(user);
        if (newEmail != null && !newEmail.equals(oldEmail)) {
            String holder = emails.get(newEmail);
            if (holder != null && !holder.equals(user.username)) {
                return false;
            }
        }
        if (oldEmail != null && !oldEmail.equals(newEmail)) {
            emails.remove(oldEmail);
        }
        putUser(user);
        return true;
    }

    @Override
    public List<PoolUser> users(Predicate<PoolUser> filter, int limit) {
        List<PoolUser> found = new ArrayList<>();
        for (Iterator<String> it = users.values().iterator(); it.hasNext() && found.size() < limit; ) {
            PoolUser user = read(it.next(), PoolUser.class);
            if (filter.test(user)) {
                found.add(user);
            }
        }
        return found;
    }

    @Override
    public synchronized void addRefreshToken(RefreshTokenRecord token) {
        putToken(token);
    }

    @Override
    public Optional<RefreshTokenRecord> refreshToken(String hash) {
        return Optional.ofNullable(tokens.get(hash)).map(j -> read(j, RefreshTokenRecord.class));
    }

    @Override
    public synchronized void revokeRefreshToken(String hash) {
        revoke(hash);
    }

    @Override
    public synchronized void revokeRefreshTokensOf(String username) {
        String prefix = username + "/";
        Cursor<String, String> cursor = userTokens.cursor(prefix);
        List<String> hashes = new ArrayList<>();
        while (cursor.hasNext()) {
            String key = cursor.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            hashes.add(key.substring(prefix.length()));
        }
        for (String hash : hashes) {
            revoke(hash);
        }
    }

    @Override
    public boolean isOriginLive(String originJti) {
        String hash = tokenOrigins.get(originJti);
        return hash != null && refreshToken(hash).map(t -> !t.revoked).orElse(false);
    }

    /**
     * Forgets refresh tokens that expired before {@code clock}'s now (they are refused anyway):
     * run once after a start, so the file does not keep every token of its lifetime.
     */
    public synchronized int purgeExpiredTokens(Clock clock) {
        long now = clock.instant().getEpochSecond();
        List<RefreshTokenRecord> expired = new ArrayList<>();
        for (String json : tokens.values()) {
            RefreshTokenRecord token = read(json, RefreshTokenRecord.class);
            if (token.expiresEpochSeconds <= now) {
                expired.add(token);
            }
        }
        for (RefreshTokenRecord token : expired) {
            tokens.remove(token.hash);
            tokenOrigins.remove(token.originJti);
            userTokens.remove(token.username + "/" + token.hash);
        }
        return expired.size();
    }

    @Override
    public void close() {
        store.close();
    }

    private void revoke(String hash) {
        Optional<RefreshTokenRecord> token = refreshToken(hash);
        if (token.isPresent() && !token.get().revoked) {
            token.get().revoked = true;
            tokens.put(hash, write(token.get()));
        }
    }

    private void putUser(PoolUser user) {
        users.put(user.username, write(user));
        String email = emailKey(user);
        if (email != null) {
            emails.put(email, user.username);
        }
    }

    private void putToken(RefreshTokenRecord token) {
        tokens.put(token.hash, write(token));
        tokenOrigins.put(token.originJti, token.hash);
        userTokens.put(token.username + "/" + token.hash, "");
    }

    private static String emailKey(PoolUser user) {
        return user.email() == null ? null : user.email().toLowerCase(Locale.ROOT);
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A record of the user pool is damaged: " + e.getOriginalMessage(), e);
        }
    }
}
