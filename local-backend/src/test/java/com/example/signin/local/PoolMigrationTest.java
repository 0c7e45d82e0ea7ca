package com.example.signin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

/** A data folder of an earlier version (the whole pool in {@code pool.json}) keeps its pool, users and sessions. */
@Timeout(240)
class PoolMigrationTest {

    private static final String POOL_ID = "us-east-1_Old123456";
    private static final String CLIENT_ID = "oldclientid0123456789abcde";
    private static final String SUB = "0b7c3a52-1111-4222-8333-444455556666";
    private static final String LIVE_TOKEN = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.live.token.from.before";
    private static final String REVOKED_TOKEN = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.revoked.token.from.before";

    @TempDir
    Path dataDir;

    @Test
    void anEarlierPoolFileIsMovedIntoTheStoreOnFirstStartAndStaysThere() throws Exception {
        long expires = Instant.now().plusSeconds(86_400).getEpochSecond();
        Files.writeString(dataDir.resolve("pool.json"), """
                {
                  "userPoolId" : "%s",
                  "clientId" : "%s",
                  "linkHashSalt" : "salt-of-the-earlier-version-0123456789abcdef",
                  "lastPort" : 0,
                  "users" : [ {
                    "username" : "%s",
                    "attributes" : { "sub" : "%s", "email" : "old@example.com", "email_verified" : "true" },
                    "status" : "CONFIRMED",
                    "enabled" : true,
                    "createdEpochMillis" : 1700000000000,
                    "modifiedEpochMillis" : 1700000000000
                  } ],
                  "refreshTokens" : [ {
                    "hash" : "%s", "username" : "%s", "clientId" : "%s", "originJti" : "origin-live",
                    "authTimeEpochSeconds" : 1700000000, "expiresEpochSeconds" : %d, "revoked" : false
                  }, {
                    "hash" : "%s", "username" : "%s", "clientId" : "%s", "originJti" : "origin-revoked",
                    "authTimeEpochSeconds" : 1700000000, "expiresEpochSeconds" : %d, "revoked" : true
                  } ]
                }
                """.formatted(POOL_ID, CLIENT_ID, SUB, SUB, sha256(LIVE_TOKEN), SUB, CLIENT_ID, expires,
                sha256(REVOKED_TOKEN), SUB, CLIENT_ID, expires));

        for (int start = 1; start <= 2; start++) {
            try (LocalBackend backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).build());
                 CognitoIdentityProviderClient cognito = TestClients.cognito(backend.endpoints())) {
                Endpoints e = backend.endpoints();
                assertThat(e.userPoolId()).isEqualTo(POOL_ID);
                assertThat(e.clientId()).isEqualTo(CLIENT_ID);

                AdminGetUserResponse user = cognito.adminGetUser(b -> b.userPoolId(POOL_ID).username("OLD@example.com"));
                assertThat(user.username()).isEqualTo(SUB);
                assertThat(user.userCreateDate()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));

                AuthenticationResultType refreshed = cognito.initiateAuth(b -> b.clientId(CLIENT_ID)
                        .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH).authParameters(Map.of("REFRESH_TOKEN", LIVE_TOKEN)))
                        .authenticationResult();
                assertThat(SignInFlowTestSupport.claims(refreshed.idToken())).containsEntry("email", "old@example.com")
                        .containsEntry("sub", SUB);
                assertThatThrownBy(() -> cognito.initiateAuth(b -> b.clientId(CLIENT_ID)
                        .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH).authParameters(Map.of("REFRESH_TOKEN", REVOKED_TOKEN))))
                        .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("Refresh Token has been revoked");
            }
            // The old file is kept aside, not read again: a second start finds everything in the store alone.
            assertThat(dataDir.resolve("pool.json")).doesNotExist();
            assertThat(dataDir.resolve("pool.json.migrated")).exists();
        }
    }

    @Test
    void aDamagedEarlierPoolFileStopsTheStartWithWhatToDo() throws Exception {
        Files.writeString(dataDir.resolve("pool.json"), "{ \"users\": [ ");
        assertThatThrownBy(() -> LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).build()))
                .hasMessageContaining("pool.json is damaged").hasMessageContaining("Move it away");
        // Nothing was half-migrated: once the file is moved away the folder starts with an empty pool.
        Files.move(dataDir.resolve("pool.json"), dataDir.resolve("pool.json.broken"));
        try (LocalBackend backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).build())) {
            assertThat(backend.endpoints().userPoolId()).startsWith("us-east-1_").isNotEqualTo(POOL_ID);
        }
    }

    @Test
    void aSecondBackendOnTheSameDataFolderIsRefusedWithWhatToDo() throws Exception {
        try (LocalBackend first = LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).build())) {
            assertThatThrownBy(() -> LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).build()))
                    .hasMessageContaining("in use by another local backend").hasMessageContaining("--data-dir");
            assertThat(Files.readString(dataDir.resolve(LocalBackend.ENDPOINTS_FILE))).contains(first.endpoints().cognitoEndpoint());
        }
    }

    @Test
    void aRefusedStandaloneStartLeavesTheRunningBackendsEndpointsFile() throws Exception {
        try (LocalBackend first = LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).build())) {
            Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LocalBackend.class.getName(), "--data-dir", dataDir.toString())
                    .redirectErrorStream(true).start();
            String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("in use by another local backend");
            assertThat(Files.readString(dataDir.resolve(LocalBackend.ENDPOINTS_FILE))).contains(first.endpoints().cognitoEndpoint());
        }
    }

    private static String sha256(String text) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
