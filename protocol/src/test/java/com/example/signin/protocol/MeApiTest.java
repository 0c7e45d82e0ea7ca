package com.example.signin.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MeApiTest {

    private static final String TOKEN = "eyJraWQiOiJrIiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

    @Test
    void aBearerHeaderGivesItsToken() {
        assertThat(MeApi.bearerToken("Bearer " + TOKEN)).contains(TOKEN);
        assertThat(MeApi.bearerToken("bearer  " + TOKEN + " ")).contains(TOKEN);
    }

    @Test
    void aBareTokenIsAcceptedAsApiGatewaysCognitoAuthorizerDoes() {
        assertThat(MeApi.bearerToken(TOKEN)).contains(TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a.b", "Bearer a.b.c.d", "Bearer a.b.c extra",
            "Token a.b.c", "Bearer a.b+.c"})
    void anythingButOneJwtIsNoToken(String header) {
        assertThat(MeApi.bearerToken(header)).isEmpty();
    }

    @Test
    void aMissingOrHugeHeaderIsNoToken() {
        assertThat(MeApi.bearerToken(null)).isEmpty();
        assertThat(MeApi.bearerToken("Bearer a." + "b".repeat(MeApi.MAX_TOKEN_LENGTH) + ".c")).isEmpty();
    }

    @Test
    void everyRefusalIsTheApisErrorShapeWithTheInvalidTokenCode() {
        assertThat(MeApi.unauthorizedJson()).isEqualTo(SignInApi.errorJson("invalid_token", MeApi.UNAUTHORIZED_MESSAGE));
        assertThat(MeApi.unauthorizedJson()).startsWith("{\"error\":\"invalid_token\",\"message\":\"Sign in again");
    }
}
