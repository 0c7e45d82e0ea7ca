package com.example.signin.protocol;

import java.util.List;

/**
 * The keys of the desktop app's configuration: the CDK stack's outputs
 * ({@code cdk deploy --outputs-file}), the local backend's {@code endpoints.json} and what the
 * app reads with {@code --config}. One list, so the three cannot drift apart.
 */
public final class ClientConfigKeys {

    public static final String REGION = "region";
    public static final String USER_POOL_ID = "userPoolId";
    public static final String CLIENT_ID = "clientId";
    public static final String API_URL = "apiUrl";
    public static final String LINK_BASE = "linkBase";
    public static final String ISSUER = "issuer";
    public static final String SCHEME = "scheme";
    /** Local backend only: the user pool's endpoint (AWS derives it from the region). */
    public static final String COGNITO_ENDPOINT = "cognitoEndpoint";
    /** Local backend only: the local mailbox page. */
    public static final String MAILBOX_URL = "mailboxUrl";
    /** Local backend only: the signing keys (AWS derives the URL from the issuer). */
    public static final String JWKS_URL = "jwksUrl";

    /** What every configuration has; the CDK stack outputs exactly these. */
    public static final List<String> REQUIRED = List.of(REGION, USER_POOL_ID, CLIENT_ID, API_URL, LINK_BASE, ISSUER, SCHEME);

    private ClientConfigKeys() {
    }
}
