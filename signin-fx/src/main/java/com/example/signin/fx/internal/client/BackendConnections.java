package com.example.signin.fx.internal.client;

import com.example.signin.fx.MagicLinkConfig;
import com.example.signin.fx.internal.platform.PoolTokenStore;
import com.example.signin.fx.internal.platform.TokenStore;
import com.example.signin.protocol.MagicLinkFormat;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;

/**
 * Everything the client builds from the configuration once it is known: the sign-in API over
 * OkHttp, the user pool over the AWS SDK (unsigned calls, so anonymous credentials), the ID token
 * validator and the refresh token store of this pool and client. The connection factory.
 */
record BackendConnections(MagicLinkConfig config, MagicLinkFormat format, OkHttpClient http, SignInApiClient api,
        CognitoIdentityProviderClient cognito, IdTokenValidator validator, TokenStore tokenStore) implements AutoCloseable {

    /** Opens the connections of {@code config}; the refresh token goes to {@code store}, scoped to the pool and client. */
    static BackendConnections open(MagicLinkConfig config, TokenStore store, Clock clock) {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(20))
                .callTimeout(Duration.ofSeconds(30))
                .build();
        CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(20)))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(30)).addExecutionInterceptor(new WarmUpGuard()));
        config.cognitoEndpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        return new BackendConnections(config, new MagicLinkFormat(config.scheme(), config.linkBase()), http,
                new SignInApiClient(http, config.apiUrl()), builder.build(),
                new IdTokenValidator(config.jwksUrl(), config.issuer(), config.clientId(), clock),
                new PoolTokenStore(store, config.issuer(), config.clientId()));
    }

    /**
     * Loads what the first sign-in would load, sending nothing to the user pool: the JWKS (a read,
     * cached by the validator), the token check, and the challenge flow's first call rehearsed up
     * to the network ({@link ChallengeFlow#rehearse}).
     */
    void warmUp() throws SignInException {
        validator.warmUp();
        ChallengeFlow.rehearse(cognito);
    }

    @Override
    public void close() {
        cognito.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
