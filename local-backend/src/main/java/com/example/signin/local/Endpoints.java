package com.example.signin.local;

import com.example.signin.protocol.ClientConfigKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a running local backend answers; the same keys as {@code {dataDir}/endpoints.json} and as
 * the desktop app's configuration file (which ignores the two keys). Everything is on
 * {@code 127.0.0.1}, one port.
 *
 * @param region          the region the pool claims to be in, e.g. {@code us-east-1}
 * @param userPoolId      the pool id, {@code <region>_<id>}
 * @param clientId        the app client id (public client, no secret)
 * @param cognitoEndpoint what to pass to the AWS SDK's {@code endpointOverride}
 * @param apiUrl          the sign-in API base; the app posts to {@code {apiUrl}/signin}
 * @param linkBase        the link page base; links are {@code {linkBase}/open#secret}
 * @param mailboxUrl      the mailbox page; its JSON is at {@code {mailboxUrl}/api/messages?to=}
 * @param issuer          the {@code iss} of every token
 * @param jwksUrl         {@code {issuer}/.well-known/jwks.json}
 * @param scheme          the app's URL scheme
 * @param accessKeyId     the access key the user pool's {@code Admin*} and {@code ListUsers}
 *                        operations must be signed with (SigV4), made at each start
 * @param secretAccessKey its secret; like the mailbox's random path, only in the owner's 0600
 *                        {@code endpoints.json}
 */
public record Endpoints(String region, String userPoolId, String clientId, String cognitoEndpoint,
                        String apiUrl, String linkBase, String mailboxUrl, String issuer, String jwksUrl,
                        String scheme, String accessKeyId, String secretAccessKey) {

    public Endpoints {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(userPoolId, "userPoolId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(cognitoEndpoint, "cognitoEndpoint");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(linkBase, "linkBase");
        Objects.requireNonNull(mailboxUrl, "mailboxUrl");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public String toString() {
        return "Endpoints[cognitoEndpoint=" + cognitoEndpoint + ", userPoolId=" + userPoolId + ", secrets hidden]";
    }

    /** The keys and values in the order {@code endpoints.json} lists them. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(ClientConfigKeys.REGION, region);
        map.put(ClientConfigKeys.USER_POOL_ID, userPoolId);
        map.put(ClientConfigKeys.CLIENT_ID, clientId);
        map.put(ClientConfigKeys.COGNITO_ENDPOINT, cognitoEndpoint);
        map.put(ClientConfigKeys.API_URL, apiUrl);
        map.put(ClientConfigKeys.LINK_BASE, linkBase);
        map.put(ClientConfigKeys.MAILBOX_URL, mailboxUrl);
        map.put(ClientConfigKeys.ISSUER, issuer);
        map.put("jwksUrl", jwksUrl);
        map.put(ClientConfigKeys.SCHEME, scheme);
        map.put("accessKeyId", accessKeyId);
        map.put("secretAccessKey", secretAccessKey);
        return map;
    }
}
