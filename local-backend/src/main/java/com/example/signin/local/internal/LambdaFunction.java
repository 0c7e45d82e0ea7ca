package com.example.signin.local.internal;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda handler run the way the Lambda Java runtime runs it: the event arrives as JSON, is
 * deserialised with the runtime's own serializers into the {@code aws-lambda-java-events} class,
 * the handler runs, and its result is serialised back to JSON.
 *
 * @param <I> the event class
 * @param <O> the result class
 */
public final class LambdaFunction<I, O> {

    private static final Logger LOG = LoggerFactory.getLogger(LambdaFunction.class);

    private final String name;
    private final RequestHandler<I, O> handler;
    private final PojoSerializer<I> input;
    private final PojoSerializer<O> output;

    public LambdaFunction(String name, RequestHandler<I, O> handler, Class<I> inputType, Class<O> outputType) {
        this.name = Objects.requireNonNull(name, "name");
        this.handler = Objects.requireNonNull(handler, "handler");
        ClassLoader loader = LambdaFunction.class.getClassLoader();
        this.input = LambdaEventSerializers.serializerFor(inputType, loader);
        this.output = LambdaEventSerializers.serializerFor(outputType, loader);
    }

    public String name() {
        return name;
    }

    /**
     * Runs the handler on {@code event}.
     *
     * @throws FunctionError when the handler throws: its message is what Lambda reports as
     *                       {@code errorMessage}
     */
    public JsonNode invoke(JsonNode event) {
        I in;
        try {
            in = input.fromJson(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The " + name + " event could not be deserialised", e);
        }
        O out;
        try {
            out = handler.handleRequest(in, new LocalContext(name));
        } catch (RuntimeException | Error e) {
            LOG.debug("{} failed with {}", name, e.getClass().getSimpleName());
            throw new FunctionError(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        output.toJson(out, bytes);
        try {
            return Json.MAPPER.readTree(bytes.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("The " + name + " result is not JSON", e);
        }
    }

    /** A handler failed: what Lambda reports as {@code errorMessage}. */
    public static final class FunctionError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FunctionError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final class LocalContext implements Context {
        private static final Logger FUNCTION_LOG = LoggerFactory.getLogger("lambda");
        private final String functionName;
        private final String requestId = UUID.randomUUID().toString();

        LocalContext(String functionName) {
            this.functionName = functionName;
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + functionName;
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return functionName;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 30_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    FUNCTION_LOG.info("[{}] {}", functionName, message);
                }

                @Override
                public void log(byte[] message) {
                    log(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
