package com.example.signin.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.SignInApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

/** What the desktop app does, step by step, with the real clients: for the tests and the benchmark. */
final class SignInDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType APPLICATION_JSON = MediaType.get("application/json");

    private final LocalBackend backend;
    private final Endpoints endpoints;
    private final OkHttpClient http;
    private final CognitoIdentityProviderClient cognito;
    private final MagicLinkFormat links;

    SignInDriver(LocalBackend backend, OkHttpClient http, CognitoIdentityProviderClient cognito) {
        this.backend = backend;
        this.endpoints = backend.endpoints();
        this.http = http;
        this.cognito = cognito;
        this.links = new MagicLinkFormat(endpoints.scheme(), endpoints.linkBase());
    }

    /** {@code POST {apiUrl}/signin}; the HTTP status. */
    int requestLink(String email, String verifier) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put(SignInApi.FIELD_EMAIL, email);
        body.put(SignInApi.FIELD_CODE_CHALLENGE, CodeChallenge.s256(verifier));
        body.put(SignInApi.FIELD_CODE_CHALLENGE_METHOD, CodeChallenge.METHOD_S256);
        body.put(SignInApi.FIELD_LOCALE, "en");
        return post(endpoints.apiUrl() + SignInApi.SIGN_IN_PATH, body.toString()).code();
    }

    /** A raw POST to the sign-in API; the caller closes the response. */
    Response post(String url, String body) throws IOException {
        return http.newCall(new Request.Builder().url(url).post(RequestBody.create(body, APPLICATION_JSON)).build()).execute();
    }

    /** The mailbox's JSON list for {@code email}, once every request answered so far is delivered. */
    JsonNode messages(String email) throws IOException {
        assertThat(backend.awaitDeliveries(java.time.Duration.ofSeconds(60))).as("deliveries done").isTrue();
        HttpUrl url = HttpUrl.get(endpoints.mailboxUrl() + "/api/messages").newBuilder().addQueryParameter("to", email).build();
        try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return JSON.readTree(response.body().string());
        }
    }

    /** The secret of the newest mail to {@code email}. */
    String latestSecret(String email) throws IOException {
        JsonNode messages = messages(email);
        assertThat(messages.size()).as("mails to %s", email).isPositive();
        String text = messages.get(messages.size() - 1).get("text").asText();
        return links.findSecret(text).orElseThrow(() -> new AssertionError("no sign-in link in: " + text));
    }

    InitiateAuthResponse initiate(String email) {
        return cognito.initiateAuth(b -> b.clientId(endpoints.clientId()).authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", email)));
    }

    RespondToAuthChallengeResponse answer(String email, String session, String secret, String verifier) {
        return cognito.respondToAuthChallenge(b -> b.clientId(endpoints.clientId())
                .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                .session(session)
                .challengeResponses(Map.of("USERNAME", email, "ANSWER", secret))
                .clientMetadata(Map.of(SignInApi.CLIENT_METADATA_CODE_VERIFIER, verifier)));
    }

    /** Request, read the mail, answer: the whole flow. */
    RespondToAuthChallengeResponse signIn(String email, String verifier) throws IOException {
        assertThat(requestLink(email, verifier)).isEqualTo(202);
        String secret = latestSecret(email);
        InitiateAuthResponse challenge = initiate(email);
        return answer(email, challenge.session(), secret, verifier);
    }
}
