package com.example.signin.lambdas.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A checked request for a link, as the request path queues it for {@link LinkDelivery}. It holds
 * the address (the queue is encrypted; the table never holds it) but no secret: the secret is
 * made at delivery, so a message read from the queue opens nothing.
 *
 * @param messageId   random id; a delivery claims it so one message sends at most one mail
 * @param email       the normalised address
 * @param challenge   the S256 code challenge
 * @param locale      the language of the mail, or {@code null}
 * @param deviceKey   {@link LinkKeys#device} of the requesting device
 * @param requestedAt epoch seconds of the request; the link expires counted from it
 */
public record LinkRequest(String messageId, String email, String challenge, String locale, String deviceKey, long requestedAt) {

    private static final JsonFactory JSON = new JsonFactory();

    public LinkRequest {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(deviceKey, "deviceKey");
    }

    /** The message body. */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("messageId", messageId);
            g.writeStringField("email", email);
            g.writeStringField("challenge", challenge);
            if (locale != null) {
                g.writeStringField("locale", locale);
            }
            g.writeStringField("deviceKey", deviceKey);
            g.writeNumberField("requestedAt", requestedAt);
            // closing the generator ends the object (AUTO_CLOSE_JSON_CONTENT, on by default)
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to a string cannot fail", e);
        }
        return out.toString();
    }

    /**
     * @throws IllegalArgumentException for a body this class did not write
     */
    public static LinkRequest fromJson(String body) {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("A queued link request must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                fields.put(name, p.getValueAsString());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("A queued link request is not JSON: " + e.getMessage(), e);
        }
        try {
            return new LinkRequest(fields.get("messageId"), fields.get("email"), fields.get("challenge"), fields.get("locale"),
                    fields.get("deviceKey"), Long.parseLong(fields.get("requestedAt")));
        } catch (NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("A queued link request lacks a field: " + e.getMessage(), e);
        }
    }

    /** Never prints the address. */
    @Override
    public String toString() {
        return "LinkRequest[id=" + messageId + ", requestedAt=" + requestedAt + "]";
    }
}
