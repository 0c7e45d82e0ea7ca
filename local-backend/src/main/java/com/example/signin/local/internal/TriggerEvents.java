package com.example.signin.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the pool's triggers with the event envelope Cognito sends ({@code version, triggerSource,
 * region, userPoolId, userName, callerContext, request, response}) and turns their failures into
 * the errors Cognito answers with.
 */
final class TriggerEvents {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerEvents.class);

    private final String region;
    private final String userPoolId;
    private final Triggers triggers;

    TriggerEvents(String region, String userPoolId, Triggers triggers) {
        this.region = region;
        this.userPoolId = userPoolId;
        this.triggers = triggers;
    }

    /**
     * Runs trigger {@code name} for {@code source} (such as {@code DefineAuthChallenge_Authentication})
     * and returns the event it answers; empty when the pool has no such trigger.
     */
    Optional<JsonNode> run(String name, String source, String userName, String clientId, ObjectNode request,
                           ObjectNode response, UserPool.Caller caller) {
        ObjectNode event = Json.object();
        event.put("version", "1");
        event.put("triggerSource", source);
        event.put("region", region);
        event.put("userPoolId", userPoolId);
        event.put("userName", userName);
        ObjectNode callerContext = event.putObject("callerContext");
        callerContext.put("awsSdkVersion", caller.awsSdkVersion());
        callerContext.put("clientId", clientId);
        event.set("request", request);
        event.set("response", response);
        try {
            return triggers.run(name, event);
        } catch (LambdaFunction.FunctionError e) {
            throw new CognitoException("UserLambdaValidationException", name + " failed with error " + e.getMessage() + ".");
        } catch (CognitoException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("The {} trigger could not run", name, e);
            throw new CognitoException("UnexpectedLambdaException", name + " invocation failed due to error "
                    + e.getClass().getSimpleName() + ".");
        }
    }

    /** A user's attributes as triggers see them: with {@code cognito:user_status}. */
    static ObjectNode attributesWithStatus(PoolUser user) {
        ObjectNode attributes = Json.object();
        user.attributes.forEach(attributes::put);
        attributes.put("cognito:user_status", user.status);
        return attributes;
    }
}
