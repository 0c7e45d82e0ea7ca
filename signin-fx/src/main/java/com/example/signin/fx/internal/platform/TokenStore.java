package com.example.signin.fx.internal.platform;

import com.example.signin.fx.AppFolders;

import com.example.signin.fx.Session;
import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the refresh token is kept between runs: the OS keychain (Secret Service, macOS Keychain,
 * Windows Credential Manager) through java-keyring, or, when none answers, a 0600 file in the
 * data folder, which the screens mention ({@link Session.TokenStorage#FILE}).
 */
public interface TokenStore {

    /** The keychain service name all entries of this app go under. */
    String KEYCHAIN_SERVICE = AppFolders.APP_NAME;
    /** The fallback file in the data folder. */
    String FILE_NAME = "refresh-token";
    /** A keychain that does not answer in this time (a hung D-Bus activation, a prompt nobody sees) is not used. */
    Duration KEYCHAIN_TIMEOUT = Duration.ofSeconds(10);

    Optional<String> load() throws IOException;

    void save(String refreshToken) throws IOException;

    void clear() throws IOException;

    Session.TokenStorage storage();

    /**
     * The keychain entry {@code account} when a keychain answers, else the file in
     * {@code dataDir}. A token left in the file by an earlier run without a keychain moves into
     * the keychain.
     */
    static TokenStore open(Path dataDir, String account) {
        Logger log = LoggerFactory.getLogger(TokenStore.class);
        FileTokenStore file = new FileTokenStore(dataDir.resolve(FILE_NAME));
        CompletableFuture<Keyring> keyring = CompletableFuture.supplyAsync(() -> {
            try {
                return Keyring.create();
            } catch (BackendNotSupportedException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        try {
            KeychainTokenStore keychain = new KeychainTokenStore(
                    keyring.get(KEYCHAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), KEYCHAIN_SERVICE, account);
            keychain.load();
            log.info("The refresh token is kept in the OS keychain");
            try {
                Optional<String> left = file.load();
                if (left.isPresent()) {
                    keychain.save(left.get());
                    file.clear();
                    log.info("Moved the refresh token from the data folder file into the OS keychain");
                }
            } catch (IOException e) {
                log.warn("Could not move the refresh token file into the keychain: {}", e.getMessage());
            }
            return keychain;
        } catch (ExecutionException | IOException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            log.info("No OS keychain is available ({}); the refresh token is kept in the 0600 file {}",
                    cause.getMessage(), file.file());
        } catch (TimeoutException e) {
            keyring.cancel(true);
            log.warn("The OS keychain did not answer within {} s; the refresh token is kept in the 0600 file {}",
                    KEYCHAIN_TIMEOUT.toSeconds(), file.file());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return file;
    }

    /** The refresh token in the OS keychain. */
    final class KeychainTokenStore implements TokenStore {
        private final Keyring keyring;
        private final String service;
        private final String account;

        KeychainTokenStore(Keyring keyring, String service, String account) {
            this.keyring = keyring;
            this.service = service;
            this.account = account;
        }

        /**
         * java-keyring reports a missing entry and a broken keychain with the same exception; a
         * broken keychain already failed in {@link Keyring#create()}, so here it means "none".
         */
        @Override
        public synchronized Optional<String> load() throws IOException {
            try {
                String value = keyring.getPassword(service, account);
                return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
            } catch (PasswordAccessException e) {
                return Optional.empty();
            } catch (RuntimeException e) {
                throw new IOException("The OS keychain failed: " + e.getMessage(), e);
            }
        }

        @Override
        public synchronized void save(String refreshToken) throws IOException {
            try {
                keyring.setPassword(service, account, refreshToken);
            } catch (PasswordAccessException | RuntimeException e) {
                throw new IOException("The OS keychain did not store the refresh token: " + e.getMessage(), e);
            }
        }

        @Override
        public synchronized void clear() throws IOException {
            try {
                if (load().isPresent()) {
                    keyring.deletePassword(service, account);
                }
            } catch (PasswordAccessException | RuntimeException e) {
                throw new IOException("The OS keychain did not delete the refresh token: " + e.getMessage(), e);
            }
        }

        @Override
        public Session.TokenStorage storage() {
            return Session.TokenStorage.KEYCHAIN;
        }
    }

    /** The refresh token in a 0600 file. */
    final class FileTokenStore implements TokenStore {
        private final Path file;

        public FileTokenStore(Path file) {
            this.file = file;
        }

        public Path file() {
            return file;
        }

        @Override
        public synchronized Optional<String> load() throws IOException {
            try {
                String value = Files.readString(file, StandardCharsets.UTF_8).strip();
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        }

        @Override
        public synchronized void save(String refreshToken) throws IOException {
            PrivateFiles.writeAtomically(file, refreshToken.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public synchronized void clear() throws IOException {
            Files.deleteIfExists(file);
        }

        @Override
        public Session.TokenStorage storage() {
            return Session.TokenStorage.FILE;
        }
    }
}
