package com.example.signin.fx.internal.platform;

import com.example.signin.protocol.Secrets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link PendingSignIn} in {@code pending-signin.json} in the data folder, written
 * atomically with mode 0600. A file that cannot be read as one (damaged, edited, from another
 * version) is reported in the log and moved aside to {@code pending-signin.json.corrupt}, and
 * the app carries on as if nothing were pending: the person asks for a new link.
 */
public final class PendingSignInStore {

    static final String FILE_NAME = "pending-signin.json";
    private static final long MAX_FILE_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(PendingSignInStore.class);

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper();

    public PendingSignInStore(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public synchronized void save(PendingSignIn pending) throws IOException {
        ObjectNode json = mapper.createObjectNode();
        json.put("email", pending.email());
        json.put("verifier", pending.verifier());
        json.put("requestedAt", pending.requestedAt().toString());
        json.put("expiresAt", pending.expiresAt().toString());
        json.put("resendAllowedAt", pending.resendAllowedAt().toString());
        PrivateFiles.writeAtomically(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
    }

    /** The stored request, or empty when none is stored or the file was corrupt (then set aside). */
    public synchronized Optional<PendingSignIn> load() {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return setAside("it is larger than " + MAX_FILE_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("The pending sign-in request {} cannot be read ({}); ask for a new link", file, e.getMessage());
            return Optional.empty();
        }
        try {
            JsonNode json = mapper.readTree(bytes);
            if (json == null || !json.isObject()) {
                return setAside("it is not a JSON object");
            }
            String verifier = text(json, "verifier");
            if (!Secrets.isWellFormed(verifier)) {
                return setAside("its verifier is malformed");
            }
            return Optional.of(new PendingSignIn(text(json, "email"), verifier, instant(json, "requestedAt"),
                    instant(json, "expiresAt"), instant(json, "resendAllowedAt")));
        } catch (IOException | IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            return setAside(e.getClass().getSimpleName());
        }
    }

    public synchronized void clear() throws IOException {
        Files.deleteIfExists(file);
    }

    private Optional<PendingSignIn> setAside(String why) {
        Path aside = file.resolveSibling(FILE_NAME + ".corrupt");
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("The pending sign-in request was unreadable ({}); moved it to {}; the person must ask for a new link",
                    why, aside);
        } catch (IOException e) {
            LOG.warn("The pending sign-in request was unreadable ({}) and could not be moved aside: {}", why, e.getMessage());
        }
        return Optional.empty();
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return node.asText();
    }

    private static Instant instant(JsonNode json, String field) {
        return Instant.parse(text(json, field));
    }
}
