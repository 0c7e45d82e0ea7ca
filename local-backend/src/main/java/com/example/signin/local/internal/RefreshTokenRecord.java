package com.example.signin.local.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

/** An opaque refresh token, known by the SHA-256 of its text (the token itself is never kept). */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class RefreshTokenRecord {
    public String hash;
    public String username;
    public String clientId;
    /** Shared by the access and ID tokens issued from this refresh token, so revoking it revokes them. */
    public String originJti;
    public long authTimeEpochSeconds;
    public long expiresEpochSeconds;
    public boolean revoked;
}
