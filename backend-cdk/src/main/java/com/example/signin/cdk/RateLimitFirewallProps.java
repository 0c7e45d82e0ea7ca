package com.example.signin.cdk;

import java.util.Objects;

/**
 * @param resourceArn            what the web ACL guards (an API Gateway stage)
 * @param requestsPer5Minutes    requests one IP address may make in any 5 minutes
 */
public record RateLimitFirewallProps(String resourceArn, int requestsPer5Minutes) {

    public RateLimitFirewallProps {
        Objects.requireNonNull(resourceArn, "resourceArn");
        if (requestsPer5Minutes < 10) {
            throw new IllegalArgumentException("A WAF rate limit must be at least 10 requests per 5 minutes, not " + requestsPer5Minutes);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String resourceArn;
        private int requestsPer5Minutes = 100;

        private Builder() {
        }

        public Builder resourceArn(String v) { resourceArn = v; return this; }
        public Builder requestsPer5Minutes(int v) { requestsPer5Minutes = v; return this; }

        public RateLimitFirewallProps build() {
            return new RateLimitFirewallProps(resourceArn, requestsPer5Minutes);
        }
    }
}
