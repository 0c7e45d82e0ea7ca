package com.example.signin.desktop.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the app finds its backend: the outputs of {@code cdk deploy --outputs-file}, or the
 * {@code endpoints.json} of the embedded local backend (which adds the last two fields).
 *
 * @param cognitoEndpoint the user pool endpoint to use instead of AWS's, local backend only
 * @param mailboxUrl      the local mailbox page, local backend only
 */
public record ClientConfig(
        String region,
        String userPoolId,
        String clientId,
        String apiUrl,
        String linkBase,
        String issuer,
        String scheme,
        Optional<String> cognitoEndpoint,
        Optional<String> mailboxUrl) {

    public ClientConfig {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(userPoolId, "userPoolId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(linkBase, "linkBase");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(cognitoEndpoint, "cognitoEndpoint");
        Objects.requireNonNull(mailboxUrl, "mailboxUrl");
    }

    /** The JWKS of the pool, where Cognito (and the local backend) publish it. */
    public String jwksUrl() {
        return issuer + "/.well-known/jwks.json";
    }

    /** Whether this is the embedded local backend rather than AWS. */
    public boolean isLocal() {
        return cognitoEndpoint.isPresent();
    }
}
