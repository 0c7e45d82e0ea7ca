package com.example.signin.local.internal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.signin.local.Endpoints;
import java.time.Clock;

/**
 * The {@code lambdas} handlers wired to the local collaborators: the triggers of the pool and the
 * sign-in function.
 */
public final class Functions implements AutoCloseable {

    /** What the functions are wired to. */
    public record Setting(Endpoints endpoints, String linkHashSalt, int smtpPort, Clock clock, LinkDatabase database) {
    }

    private final Setting setting;

    private Functions(Setting setting) {
        this.setting = setting;
    }

    public static Functions create(Setting setting) {
        return new Functions(setting);
    }

    public Triggers triggers() {
        return Triggers.NONE;
    }

    public LambdaFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> signInApi() {
        throw new IllegalStateException("the lambdas module is not wired in yet");
    }

    @Override
    public void close() {
    }
}
