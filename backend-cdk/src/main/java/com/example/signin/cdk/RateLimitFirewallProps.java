package com.example.signin.cdk;

import java.util.Objects;

/**
 * @param resourceArn            what the web ACL guards (an API Gateway stage or a Cognito user pool)
 * @param guarded                which of the two it is: it decides how a blocked request is answered
 * @param requestsPer5Minutes    requests one IP address may make in any 5 minutes
 */
public record RateLimitFirewallProps(String resourceArn, Guarded guarded, int requestsPer5Minutes) {

    /** What a web ACL guards. */
    public enum Guarded {
        /** The sign-in API's stage: a blocked request gets 429 in the API's error format. */
        API_STAGE("SignInApi"),
        /**
         * The user pool's API: Cognito answers a blocked request itself ({@code ForbiddenException},
         * 403); WAF custom responses reach only managed-login pages, so none is set.
         */
        USER_POOL("UserPool");

        private final String metricPrefix;

        Guarded(String metricPrefix) {
            this.metricPrefix = metricPrefix;
        }

        String metricPrefix() {
            return metricPrefix;
        }
    }

    public RateLimitFirewallProps {
        Objects.requireNonNull(resourceArn, "resourceArn");
        Objects.requireNonNull(guarded, "guarded");
        if (requestsPer5Minutes < 10) {
            throw new IllegalArgumentException("A WAF rate limit must be at least 10 requests per 5 minutes, not " + requestsPer5Minutes);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String resourceArn;
        private Guarded guarded = Guarded.API_STAGE;
        private int requestsPer5Minutes = 100;

        private Builder() {
        }

        public Builder resourceArn(String v) { resourceArn = v; return this; }
        public Builder guarded(Guarded v) { guarded = v; return this; }
        public Builder requestsPer5Minutes(int v) { requestsPer5Minutes = v; return this; }

        public RateLimitFirewallProps build() {
            return new RateLimitFirewallProps(resourceArn, guarded, requestsPer5Minutes);
        }
    }
}
