package com.example.signin.local.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where the pool keeps what survives a restart: its ids, users and refresh tokens. Safe for
 * concurrent use; a change is seen by every later call at once and reaches the disk soon after
 * (all of it by {@link #close}). Users and tokens are handed out as copies.
 */
public interface UserStore extends AutoCloseable {

    PoolIds ids();

    /** The port of the last start (0 if none), reused when free so that links mailed before a restart still open. */
    int lastPort();

    void rememberPort(int port);

    /** A user by username (the sub) or by email, case-insensitive. */
    Optional<PoolUser> find(String usernameOrEmail);

    /** Adds {@code user} unless its email belongs to another user already; false then. */
    boolean add(PoolUser user);

    /**
     * Replaces the stored user of the same username (its email may change).
     *
     * @return false, changing nothing, when the new email belongs to another user
     */
    boolean replace(PoolUser user);

    /** Up to {@code limit} users that {@code filter} accepts (a scan: for lookups by username or email use {@link #find}). */
    List<PoolUser> users(Predicate<PoolUser> filter, int limit);

    void addRefreshToken(RefreshTokenRecord token);

    Optional<RefreshTokenRecord> refreshToken(String hash);

    void revokeRefreshToken(String hash);

    /** Revokes every refresh token of {@code username} (GlobalSignOut). */
    void revokeRefreshTokensOf(String username);

    /** Whether a refresh token with this {@code originJti} is still unrevoked: the access tokens issued from it are good. */
    boolean isOriginLive(String originJti);

    /** Writes what is pending and closes the files. */
    @Override
    void close();
}
