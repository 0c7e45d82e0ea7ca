package com.example.signin.fx.internal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.protocol.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingSignInStoreTest {

    @TempDir
    Path dataDir;

    private final PendingSignIn pending = new PendingSignIn("alice@example.com", Secrets.generate(new SecureRandom()),
            Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T10:15:00Z"), Instant.parse("2026-01-01T10:01:00Z"));

    @Test
    void aSavedRequestSurvivesANewStore() throws Exception {
        new PendingSignInStore(dataDir).save(pending);
        assertThat(new PendingSignInStore(dataDir).load()).contains(pending);
    }

    @Test
    void theFileIsReadableByTheUserOnlyAndNoTemporaryFileStays() throws Exception {
        PendingSignInStore store = new PendingSignInStore(dataDir);
        store.save(pending);
        store.save(pending);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(PendingSignInStore.FILE_NAME);
        }
    }

    @Test
    void nothingIsPendingAtFirstAndAfterClear() throws Exception {
        PendingSignInStore store = new PendingSignInStore(dataDir);
        assertThat(store.load()).isEmpty();
        store.save(pending);
        store.clear();
        assertThat(store.load()).isEmpty();
        assertThat(store.file()).doesNotExist();
    }

    @Test
    void aCorruptFileIsSetAsideNotACrash() throws Exception {
        PendingSignInStore store = new PendingSignInStore(dataDir);
        Files.writeString(store.file(), "{\"email\": \"alice@example.com\", \"verifier\": ");
        assertThat(store.load()).isEmpty();
        assertThat(store.file()).doesNotExist();
        assertThat(dataDir.resolve(PendingSignInStore.FILE_NAME + ".corrupt")).exists();
        store.save(pending);
        assertThat(store.load()).contains(pending);
    }

    @Test
    void aFileWithAMalformedVerifierOrDateIsSetAside() throws Exception {
        PendingSignInStore store = new PendingSignInStore(dataDir);
        Files.writeString(store.file(), "{\"email\":\"a@example.com\",\"verifier\":\"short\",\"requestedAt\":\"2026-01-01T10:00:00Z\","
                + "\"expiresAt\":\"2026-01-01T10:15:00Z\",\"resendAllowedAt\":\"2026-01-01T10:01:00Z\"}");
        assertThat(store.load()).isEmpty();
        Files.writeString(store.file(), "{\"email\":\"a@example.com\",\"verifier\":\"" + pending.verifier()
                + "\",\"requestedAt\":\"yesterday\",\"expiresAt\":\"2026-01-01T10:15:00Z\",\"resendAllowedAt\":\"2026-01-01T10:01:00Z\"}");
        assertThat(store.load()).isEmpty();
        Files.writeString(store.file(), "[1, 2]");
        assertThat(store.load()).isEmpty();
        assertThat(store.file()).doesNotExist();
    }

    @Test
    void theVerifierNeverAppearsInTheTextOfARequest() {
        assertThat(pending.toString()).contains("alice@example.com").doesNotContain(pending.verifier());
    }
}
