package com.example.signin.fx.internal.client;

import com.example.signin.fx.internal.client.SignInException.Problem;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/** The renewal flow: REFRESH_TOKEN_AUTH, used to restore a stored session and to renew a running one. */
final class RefreshFlow {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshFlow.class);

    private RefreshFlow() {
    }

    /**
     * New tokens for {@code refreshToken}. A refused token is {@link Problem#SESSION_REVOKED} or
     * {@link Problem#SESSION_EXPIRED} (Cognito's message tells which; see {@link #isRefusal});
     * anything else is a network or service problem that leaves the session as it was.
     */
    static AuthenticationResultType refresh(BackendConnections c, String refreshToken, String doing) throws SignInException {
        AuthenticationResultType result;
        try {
            result = c.cognito().initiateAuth(r -> r
                    .clientId(c.config().clientId())
                    .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                    .authParameters(Map.of("REFRESH_TOKEN", refreshToken))).authenticationResult();
        } catch (NotAuthorizedException | UserNotFoundException e) {
            String message = SdkFailures.serviceMessage((AwsServiceException) e);
            boolean revoked = message != null && message.toLowerCase(Locale.ROOT).contains("revoked");
            LOG.info("The session is no longer valid ({}); sign in again", message);
            throw new SignInException(revoked ? Problem.SESSION_REVOKED : Problem.SESSION_EXPIRED,
                    "The user pool refused the session while " + doing + ": " + message, e);
        } catch (SdkException e) {
            throw SdkFailures.commonFailure(e, doing);
        }
        if (result == null || result.idToken() == null) {
            throw new SignInException(Problem.UNEXPECTED, "The user pool answered REFRESH_TOKEN_AUTH without tokens");
        }
        return result;
    }

    /** Whether {@code failure} means the refresh token is dead (so the session ends and is forgotten). */
    static boolean isRefusal(SignInException failure) {
        return failure.problem() == Problem.SESSION_REVOKED || failure.problem() == Problem.SESSION_EXPIRED;
    }
}
