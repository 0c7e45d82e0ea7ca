package com.example.signin.protocol;

import java.util.List;

/**
 * The keys of the client configuration: the CDK stack's outputs ({@code cdk deploy --outputs-file})
 * and the local backend's {@code endpoints.json}, which the app reads. One list, so the writers
 * and the reader cannot drift apart.
 */
public final class ClientConfigKeys {

    public static final String REGION = "region";
    public static final String USER_POOL_ID = "userPoolId";
    public static final String CLIENT_ID = "clientId";
    public static final String API_URL = "apiUrl";
    public static final String LINK_BASE = "linkBase";
    public static final String ISSUER = "issuer";
    public static final String SCHEME = "scheme";
    /** The user pool endpoint instead of AWS's: the local backend only. */
    public static final String COGNITO_ENDPOINT = "cognitoEndpoint";
    /** The local mailbox page: the local backend only. */
    public static final String MAILBOX_URL = "mailboxUrl";

    /** The keys every configuration has, in the order a missing-keys sentence lists them. */
    public static final List<String> REQUIRED = List.of(REGION, USER_POOL_ID, CLIENT_ID, API_URL, LINK_BASE, ISSUER, SCHEME);

    private ClientConfigKeys() {
    }
}
