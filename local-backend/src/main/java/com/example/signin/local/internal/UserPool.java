package com.example.signin.local.internal;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A Cognito user pool with one public app client, email as the username attribute, and
 * {@code PreventUserExistenceErrors} on, made of parts that {@link UserPoolEndpoint} dispatches to:
 *
 * <ul>
 *   <li>{@link CustomAuthFlow}: InitiateAuth and RespondToAuthChallenge, the CUSTOM_AUTH state machine and its sessions;</li>
 *   <li>{@link TokenIssuer}: tokens minted, refreshed, revoked and checked (GetUser, GlobalSignOut, RevokeToken);</li>
 *   <li>{@link UserAdmin}: SignUp and the Admin* user operations, ListUsers with its {@link UserFilter};</li>
 *   <li>{@link TriggerEvents}: the Lambda triggers called with the event JSON Cognito sends;</li>
 *   <li>{@link UserStore}: what survives a restart ({@link MvUserStore}); {@link AwsJson} reads requests.</li>
 * </ul>
 */
public final class UserPool {

    private final PoolIds ids;
    private final CustomAuthFlow auth;
    private final TokenIssuer tokens;
    private final UserAdmin admin;

    public UserPool(UserStore store, String region, Supplier<TokenSigner> signer, Clock clock, Triggers triggers,
                    Supplier<String> issuer) {
        Objects.requireNonNull(store, "store");
        this.ids = store.ids();
        TriggerEvents events = new TriggerEvents(Objects.requireNonNull(region, "region"), ids.userPoolId(),
                Objects.requireNonNull(triggers, "triggers"));
        this.tokens = new TokenIssuer(store, Objects.requireNonNull(signer, "signer"), Objects.requireNonNull(issuer, "issuer"),
                Objects.requireNonNull(clock, "clock"));
        this.auth = new CustomAuthFlow(store, events, tokens, clock);
        this.admin = new UserAdmin(store, events, clock);
    }

    /** Who called: what Cognito puts in a trigger's {@code callerContext}. */
    public record Caller(String awsSdkVersion) {
    }

    public PoolIds ids() {
        return ids;
    }

    public CustomAuthFlow auth() {
        return auth;
    }

    public TokenIssuer tokens() {
        return tokens;
    }

    public UserAdmin admin() {
        return admin;
    }
}
