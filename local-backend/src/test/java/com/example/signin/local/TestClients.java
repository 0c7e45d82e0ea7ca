package com.example.signin.local;

import java.net.URI;
import java.time.Duration;
import okhttp3.OkHttpClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** The clients a test talks to the backend with: the unmodified AWS SDK and OkHttp. */
final class TestClients {

    private TestClients() {
    }

    /** Signed with the backend's own key from its endpoints, as its owner's tools are. */
    static CognitoIdentityProviderClient cognito(Endpoints endpoints) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(endpoints.cognitoEndpoint()))
                .region(Region.of(endpoints.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(endpoints.accessKeyId(), endpoints.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .build();
    }

    static OkHttpClient http() {
        return new OkHttpClient.Builder()
                .callTimeout(Duration.ofSeconds(60))
                .readTimeout(Duration.ofSeconds(60))
                .followRedirects(false)
                .build();
    }
}
