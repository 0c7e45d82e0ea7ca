package com.example.signin.fx.internal.platform;

import com.example.signin.protocol.SignInApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This installation's stable random id, sent as {@code "deviceId"} with every sign-in request so
 * that the API keeps one cooldown and one pending link per address <em>and device</em>: another
 * device's request never replaces this one's link.
 *
 * <p>16 bytes from {@link SecureRandom}, base64url without padding (exactly 22 characters), made
 * once and kept in {@value #FILE_NAME} in the data folder (0600, written atomically). It says
 * nothing about the person or the computer; deleting the file only makes the app a new device.
 */
public final class DeviceId {

    public static final String FILE_NAME = "device-id";
    static final int BYTES = 16;

    private static final Logger LOG = LoggerFactory.getLogger(DeviceId.class);

    private DeviceId() {
    }

    /**
     * The id kept in {@code dataDir}, made and stored first if there is none. A damaged file is
     * replaced by a fresh id (the app then counts as a new device, which costs nothing but the
     * pending link).
     *
     * @throws IOException when the file cannot be read or written
     */
    public static synchronized String loadOrCreate(Path dataDir, SecureRandom random) throws IOException {
        Objects.requireNonNull(random, "random");
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.size(file) <= 64) {
                String stored = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (isWellFormed(stored)) {
                    return stored;
                }
            }
            LOG.warn("The device id in {} was damaged; this installation gets a new one", file);
        } catch (NoSuchFileException e) {
            LOG.info("This installation has no device id yet; making one");
        }
        String id = random(random);
        PrivateFiles.writeAtomically(file, (id + "\n").getBytes(StandardCharsets.US_ASCII));
        return id;
    }

    /** A fresh id that is kept nowhere. */
    public static String random() {
        return random(new SecureRandom());
    }

    private static String random(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code id} is the canonical form of 16 bytes in base64url without padding (the API's rule). */
    public static boolean isWellFormed(String id) {
        return SignInApi.isWellFormedDeviceId(id);
    }
}
