package com.example.signin.lambdas;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.signin.lambdas.internal.AwsClients;
import com.example.signin.lambdas.internal.Environment;
import com.example.signin.lambdas.internal.SdkPriming;
import com.example.signin.protocol.MeApi;
import com.example.signin.protocol.SignInApi;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * {@code GET /me} behind the Cognito authorizer: answers {@code {"email", "sub"}} of the bearer of
 * an access token. The authorizer has checked signature, issuer, expiry and the access-token
 * scope; this handler adds what it cannot: the token's {@code client_id} must be this
 * deployment's app client (the authorizer accepts any client of the pool), and Cognito's
 * {@code GetUser} with the token itself must succeed, which refuses a token revoked by sign-out
 * ({@code GlobalSignOut}, {@code RevokeToken}) and a deleted or disabled user. {@code GetUser} is
 * authorised by the token, so the function needs no IAM grant. Every refusal is the same 401.
 */
public final class MeHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(MeHandler.class);
    /** The environment variable with the app client id the tokens must carry. */
    public static final String CLIENT_ID_VARIABLE = "USER_POOL_CLIENT_ID";

    private final CognitoIdentityProviderClient cognito;
    private final String clientId;
    private final SdkPriming priming;

    /** Lambda entry: {@code AWS_REGION} and {@link #CLIENT_ID_VARIABLE} from the environment. */
    public MeHandler() {
        Environment env = Environment.system();
        this.cognito = new AwsClients(env).cognito();
        this.clientId = clientId(env);
        // SnapStart: prime the GetUser request path before the snapshot, without a network call.
        this.priming = new SdkPriming().cognitoGetUser(cognito).register();
    }

    /** With the caller's Cognito client (the local backend points it at its own pool). */
    public MeHandler(CognitoIdentityProviderClient cognito, String clientId) {
        this.cognito = Objects.requireNonNull(cognito, "cognito");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.priming = null;
    }

    /** Reads {@link #CLIENT_ID_VARIABLE}. */
    public static String clientId(Environment env) {
        return env.required(CLIENT_ID_VARIABLE, "the id of the user pool's app client whose access tokens GET /me accepts");
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        Optional<String> token = MeApi.bearerToken(header(event, "Authorization"));
        if (token.isEmpty()) {
            return unauthorized();
        }
        Map<String, ?> claims = authorizerClaims(event);
        if (!"access".equals(claims.get("token_use")) || !clientId.equals(claims.get("client_id"))) {
            // Another app client of the same pool (or no authorizer at all): not this deployment's token.
            return unauthorized();
        }
        GetUserResponse user;
        try {
            user = cognito.getUser(b -> b.accessToken(token.get()));
        } catch (NotAuthorizedException | UserNotFoundException | UserNotConfirmedException | PasswordResetRequiredException e) {
            // Signed out, revoked, expired since the authorizer looked, or the account is gone or disabled.
            return unauthorized();
        } catch (SdkException e) {
            LOG.error("Cognito GetUser failed while answering GET /me", e);
            return respond(503, Map.of(), SignInApi.errorJson(SignInApi.ERROR_SERVICE_UNAVAILABLE,
                    "Your account cannot be read for a moment. Try again in a minute."));
        }
        String email = attribute(user, "email");
        String sub = attribute(user, "sub");
        if (sub == null || !sub.equals(claims.get("sub"))) {
            // Cannot happen with Cognito; if it did, the token and the account disagree and neither is trusted.
            LOG.error("GetUser answered an account whose sub differs from the token's");
            return unauthorized();
        }
        return respond(200, Map.of(), MeApi.userJson(email, sub));
    }

    private static String attribute(GetUserResponse user, String name) {
        return user.userAttributes().stream().filter(a -> name.equals(a.name())).map(AttributeType::value).findFirst().orElse(null);
    }

    /** What API Gateway's Cognito authorizer passes on: {@code requestContext.authorizer.claims}; empty without one. */
    private static Map<String, ?> authorizerClaims(APIGatewayProxyRequestEvent event) {
        if (event.getRequestContext() == null || event.getRequestContext().getAuthorizer() == null) {
            return Map.of();
        }
        Object claims = event.getRequestContext().getAuthorizer().get("claims");
        if (claims instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        return Map.of();
    }

    private static String header(APIGatewayProxyRequestEvent event, String name) {
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        return headers.entrySet().stream().filter(h -> name.equalsIgnoreCase(h.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static APIGatewayProxyResponseEvent unauthorized() {
        return respond(401, Map.of("WWW-Authenticate", MeApi.WWW_AUTHENTICATE), MeApi.unauthorizedJson());
    }

    private static APIGatewayProxyResponseEvent respond(int status, Map<String, String> extra, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.putAll(extra);
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(headers).withBody(body)
                .withIsBase64Encoded(false);
    }
}
