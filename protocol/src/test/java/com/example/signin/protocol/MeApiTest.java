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
        String longest = "a." + "b".repeat(MeApi.MAX_TOKEN_LENGTH - 4) + ".c";
        assertThat(MeApi.bearerToken(longest)).contains(longest);
        assertThat(MeApi.bearerToken(longest + "c")).isEmpty();
    }

    @Test
    void everyRefusalIsTheApisErrorShapeWithTheInvalidTokenCode() {
        assertThat(MeApi.unauthorizedJson()).isEqualTo(SignInApi.errorJson("invalid_token", MeApi.UNAUTHORIZED_MESSAGE));
        assertThat(MeApi.unauthorizedJson()).startsWith("{\"error\":\"invalid_token\",\"message\":\"Sign in again");
    }

    @Test
    void theAnswerCarriesEmailAndSubAsJsonStrings() {
        assertThat(MeApi.userJson("alice@example.com", "7f3c2a1e-9b4d-4c55-8e1f-0a2b3c4d5e6f"))
                .isEqualTo("{\"email\":\"alice@example.com\",\"sub\":\"7f3c2a1e-9b4d-4c55-8e1f-0a2b3c4d5e6f\"}");
        assertThat(MeApi.userJson("\"o<b>\"@example.com", "s")).isEqualTo("{\"email\":\"\\\"o\\u003cb\\u003e\\\"@example.com\",\"sub\":\"s\"}");
    }

    @Test
    void anAccountWithoutAnEmailAnswersNull() {
        assertThat(MeApi.userJson(null, "s")).isEqualTo("{\"email\":null,\"sub\":\"s\"}");
    }
}
