package com.example.signin.fx.internal.client;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

/** The sign-out flow: GlobalSignOut when every device should be signed out, then the refresh token revoked. */
final class SignOutFlow {

    private static final Logger LOG = LoggerFactory.getLogger(SignOutFlow.class);

    private SignOutFlow() {
    }

    /**
     * Signs out: with {@code everywhereWith} (the access token) every device, then revokes
     * {@code refreshToken} if there is one. A session the pool no longer knows counts as signed out.
     */
    static void signOut(BackendConnections c, Optional<String> everywhereWith, Optional<String> refreshToken)
            throws SignInException {
        try {
            if (everywhereWith.isPresent()) {
                try {
                    c.cognito().globalSignOut(r -> r.accessToken(everywhereWith.get()));
                } catch (NotAuthorizedException e) {
                    LOG.info("The access token had expired; revoking the refresh token signs this device out");
                }
            }
            if (refreshToken.isPresent()) {
                c.cognito().revokeToken(r -> r.clientId(c.config().clientId()).token(refreshToken.get()));
            }
        } catch (NotAuthorizedException e) {
            LOG.info("The user pool no longer knew the session; forgetting it here");
        } catch (SdkException e) {
            throw SdkFailures.commonFailure(e, "signing out");
        }
    }
}
