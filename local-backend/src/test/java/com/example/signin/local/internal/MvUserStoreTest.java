package com.example.signin.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user pool's store: lookups by username and email, uniqueness of addresses, tokens, and what survives a reopen. */
class MvUserStoreTest {

    @TempDir
    Path dir;

    @Test
    void usersAreFoundByUsernameOrAnyCaseOfTheirEmailAfterAReopen() throws Exception {
        PoolIds ids;
        try (MvUserStore store = MvUserStore.open(dir, "us-east-1")) {
            ids = store.ids();
            assertThat(store.add(user("sub-1", "alice@example.com"))).isTrue();
            store.rememberPort(43123);
        }
        try (MvUserStore store = MvUserStore.open(dir, "us-east-1")) {
            assertThat(store.ids()).isEqualTo(ids);
            assertThat(store.lastPort()).isEqualTo(43123);
            assertThat(store.find("sub-1")).get().extracting(PoolUser::email).isEqualTo("alice@example.com");
            assertThat(store.find(" Alice@Example.COM ")).get().extracting(u -> u.username).isEqualTo("sub-1");
            assertThat(store.find("bob@example.com")).isEmpty();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(MvUserStore.FILE_NAME))))
                .isEqualTo("rw-------");
    }

    @Test
    void anAddressBelongsToOneUserOnly() throws Exception {
        try (MvUserStore store = MvUserStore.open(dir, "us-east-1")) {
            assertThat(store.add(user("sub-1", "alice@example.com"))).isTrue();
            assertThat(store.add(user("sub-2", "ALICE@example.com"))).isFalse();
            assertThat(store.add(user("sub-2", "bob@example.com"))).isTrue();

            PoolUser bob = store.find("sub-2").orElseThrow();
            bob.attributes.put("email", "alice@example.com");
            assertThat(store.replace(bob)).isFalse();
            assertThat(store.find("alice@example.com")).get().extracting(u -> u.username).isEqualTo("sub-1");

            bob.attributes.put("email", "robert@example.com");
            assertThat(store.replace(bob)).isTrue();
            assertThat(store.find("robert@example.com")).get().extracting(u -> u.username).isEqualTo("sub-2");
            // The old address is free again.
            assertThat(store.find("bob@example.com")).isEmpty();
            assertThat(store.add(user("sub-3", "bob@example.com"))).isTrue();
        }
    }

    @Test
    void globalSignOutRevokesEveryTokenOfTheUserAndTheirAccessTokensWithThem() throws Exception {
        try (MvUserStore store = MvUserStore.open(dir, "us-east-1")) {
            store.addRefreshToken(token("h1", "sub-1", "o1", Long.MAX_VALUE));
            store.addRefreshToken(token("h2", "sub-1", "o2", Long.MAX_VALUE));
            store.addRefreshToken(token("h3", "sub-10", "o3", Long.MAX_VALUE));
            assertThat(store.isOriginLive("o1")).isTrue();

            store.revokeRefreshTokensOf("sub-1");

            assertThat(store.refreshToken("h1")).get().extracting(t -> t.revoked).isEqualTo(true);
            assertThat(store.isOriginLive("o1")).isFalse();
            assertThat(store.isOriginLive("o2")).isFalse();
            // "sub-10" starts with "sub-1" but is another user.
            assertThat(store.isOriginLive("o3")).isTrue();
            assertThat(store.isOriginLive("unknown")).isFalse();
        }
    }

    @Test
    void expiredRefreshTokensAreForgottenAndLiveOnesKept() throws Exception {
        Clock now = Clock.fixed(Instant.ofEpochSecond(1_000_000), ZoneOffset.UTC);
        try (MvUserStore store = MvUserStore.open(dir, "us-east-1")) {
            store.addRefreshToken(token("old", "sub-1", "o1", 999_999));
            store.addRefreshToken(token("new", "sub-1", "o2", 1_000_001));
            assertThat(store.purgeExpiredTokens(now)).isEqualTo(1);
            assertThat(store.refreshToken("old")).isEmpty();
            assertThat(store.isOriginLive("o1")).isFalse();
            assertThat(store.refreshToken("new")).isPresent();
        }
    }

    private static PoolUser user(String username, String email) {
        PoolUser user = new PoolUser();
        user.username = username;
        user.attributes.put("sub", username);
        user.attributes.put("email", email);
        user.status = "CONFIRMED";
        return user;
    }

    private static RefreshTokenRecord token(String hash, String username, String origin, long expires) {
        RefreshTokenRecord token = new RefreshTokenRecord();
        token.hash = hash;
        token.username = username;
        token.clientId = "client";
        token.originJti = origin;
        token.expiresEpochSeconds = expires;
        return token;
    }
}
