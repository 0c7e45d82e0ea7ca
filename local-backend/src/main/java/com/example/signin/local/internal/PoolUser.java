package com.example.signin.local.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user of the pool. In a pool whose username attribute is email, the username is the sub.
 * A {@link UserStore} hands out copies: a change counts once it is given back to the store.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class PoolUser {
    public String username;
    public Map<String, String> attributes = new LinkedHashMap<>();
    public String status;
    public boolean enabled = true;
    public long createdEpochMillis;
    public long modifiedEpochMillis;

    public String email() {
        return attributes.get("email");
    }
}
