package com.example.signin.fx;

import com.example.signin.fx.internal.config.ClientConfigReader;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the app finds its backend: the outputs of {@code cdk deploy --outputs-file}, or the
 * {@code endpoints.json} of the embedded local backend (which adds the last two fields).
 *
 * @param region          the AWS region of the user pool
 * @param userPoolId      the user pool
 * @param clientId        its app client (public, no secret)
 * @param apiUrl          the sign-in API's base URL
 * @param linkBase        where the link page lives (https, or http on loopback)
 * @param issuer          the user pool's token issuer
 * @param scheme          the links' URL scheme, reverse-DNS
 * @param cognitoEndpoint the user pool endpoint to use instead of AWS's, local backend only
 * @param mailboxUrl      the local mailbox page, local backend only
 */
public record MagicLinkConfig(
        String region,
        String userPoolId,
        String clientId,
        String apiUrl,
        String linkBase,
        String issuer,
        String scheme,
        Optional<String> cognitoEndpoint,
        Optional<String> mailboxUrl) {

    /**
     * Checks the parts.
     *
     * @param region the AWS region
     * @param userPoolId the user pool
     * @param clientId the app client
     * @param apiUrl the sign-in API's base URL
     * @param linkBase where the link page lives
     * @param issuer the token issuer
     * @param scheme the links' URL scheme
     * @param cognitoEndpoint the local user pool endpoint, if any
     * @param mailboxUrl the local mailbox, if any
     * @throws NullPointerException when a part is missing
     */
    public MagicLinkConfig {
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

    /**
     * Reads the JSON that {@code cdk deploy --outputs-file} writes ({@code {"StackName": {...}}})
     * or a flat object with the same keys (the local backend's {@code endpoints.json}).
     *
     * @param file the JSON file
     * @return the configuration
     * @throws ConfigException when the file cannot be read, is not JSON, or lacks or has a bad
     *         value; the message names the file and the key
     */
    public static MagicLinkConfig read(Path file) throws ConfigException {
        return new ClientConfigReader().read(file);
    }

    /**
     * The JWKS of the pool, where Cognito (and the local backend) publish it.
     *
     * @return the URL
     */
    public String jwksUrl() {
        return issuer + "/.well-known/jwks.json";
    }

    /**
     * Whether this is the embedded local backend rather than AWS.
     *
     * @return true for the local backend
     */
    public boolean isLocal() {
        return cognitoEndpoint.isPresent();
    }
}
