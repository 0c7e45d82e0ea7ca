package com.example.signin.lambdas.testing;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Loads an event fixture from {@code src/test/resources/events} and deserialises it the way the
 * Lambda Java runtime does ({@link LambdaEventSerializers}), optionally after editing the JSON.
 */
public final class Events {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    public static <T> T load(String name, Class<T> type) {
        return load(name, type, json -> { });
    }

    public static <T> T load(String name, Class<T> type, Consumer<ObjectNode> edit) {
        try (InputStream in = Events.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture events/" + name);
            }
            ObjectNode json = (ObjectNode) JSON.readTree(in);
            edit.accept(json);
            PojoSerializer<T> serializer = LambdaEventSerializers.serializerFor(type, Events.class.getClassLoader());
            return serializer.fromJson(JSON.writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON the runtime would send back to Cognito for {@code event}. */
    public static <T> String toJson(T event, Class<T> type) {
        PojoSerializer<T> serializer = LambdaEventSerializers.serializerFor(type, Events.class.getClassLoader());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        serializer.toJson(event, out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
