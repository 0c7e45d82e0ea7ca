package com.example.signin.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/** The embedded functions' SDK client reaches the pool in process with the SDK's own requests and answers. */
class InProcessUserPoolClientTest {

    @TempDir
    Path dir;

    @Test
    void anAdminCallCreatesAndFindsAUserAndCognitosErrorsArriveAsTheSdksExceptions() throws Exception {
        try (MvUserStore store = MvUserStore.open(dir, "us-east-1")) {
            assertAdminCallsWork(store);
        }
    }

    private void assertAdminCallsWork(MvUserStore store) {
        UserPool pool = new UserPool(store, "us-east-1",
                TokenSigner.loadOrCreateInBackground(dir.resolve("key.json"), CompletableFuture.completedFuture(null)),
                Clock.systemUTC(), (name, event) -> Optional.empty(), () -> "http://127.0.0.1:1/pool");
        UserPoolEndpoint endpoint = new UserPoolEndpoint(pool);
        String poolId = store.ids().userPoolId();

        try (CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                // Never dialled: the in-process client answers every request itself.
                .endpointOverride(URI.create("http://127.0.0.1:1"))
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(new InProcessUserPoolClient(() -> endpoint))
                .build()) {
            cognito.adminCreateUser(b -> b.userPoolId(poolId).username("Bob@Example.com").messageAction(MessageActionType.SUPPRESS)
                    .userAttributes(AttributeType.builder().name("email").value("bob@example.com").build()));

            assertThat(cognito.listUsers(b -> b.userPoolId(poolId).filter("email = \"bob@example.com\"")).users())
                    .singleElement().satisfies(u -> assertThat(u.attributes()).contains(
                            AttributeType.builder().name("email").value("bob@example.com").build()));
            assertThatThrownBy(() -> cognito.adminCreateUser(b -> b.userPoolId(poolId).username("bob@example.com")
                    .messageAction(MessageActionType.SUPPRESS)))
                    .isInstanceOf(UsernameExistsException.class)
                    .hasMessageStartingWith("An account with the given email already exists.");
            assertThatThrownBy(() -> cognito.adminGetUser(b -> b.userPoolId(poolId).username("nobody@example.com")))
                    .isInstanceOf(UserNotFoundException.class);
        }
    }
}
