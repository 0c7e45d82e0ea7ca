package com.example.signin.cdk;

import com.example.signin.protocol.LinkPage;
import java.util.Objects;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.lambda.IFunction;

/**
 * @param signInFunction     what {@code POST /signin} invokes (an alias)
 * @param meFunction         what {@code GET /me} invokes (an alias), behind the Cognito authorizer
 * @param userPool           the pool whose access tokens the authorizer of {@code GET /me} accepts
 * @param linkPage           what {@code GET /open} serves
 * @param stageName          the stage, also the last part of the API's URL
 * @param throttleRateLimit  steady requests per second of the stage and of {@code POST /signin}
 * @param throttleBurstLimit burst of the stage and of {@code POST /signin}
 * @param openThrottleRateLimit  steady requests per second of {@code GET /open}, a bucket of its own
 *                               (a flood of page loads never takes {@code /signin}'s, nor the reverse)
 * @param openThrottleBurstLimit burst of {@code GET /open}
 * @param logRetentionDays   retention of the access log
 */
public record SignInRestApiProps(IFunction signInFunction, IFunction meFunction, IUserPool userPool, LinkPage linkPage, String stageName, double throttleRateLimit,
                                 int throttleBurstLimit, double openThrottleRateLimit, int openThrottleBurstLimit,
                                 int logRetentionDays) {

    public SignInRestApiProps {
        Objects.requireNonNull(signInFunction, "signInFunction");
        Objects.requireNonNull(meFunction, "meFunction");
        Objects.requireNonNull(userPool, "userPool");
        Objects.requireNonNull(linkPage, "linkPage");
        Objects.requireNonNull(stageName, "stageName");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private IFunction signInFunction;
        private IFunction meFunction;
        private IUserPool userPool;
        private LinkPage linkPage;
        private String stageName = "prod";
        private double throttleRateLimit = 10;
        private int throttleBurstLimit = 20;
        // A person opens the page once per link; more than this per second is a script.
        private double openThrottleRateLimit = 20;
        private int openThrottleBurstLimit = 40;
        private int logRetentionDays = 30;

        private Builder() {
        }

        public Builder signInFunction(IFunction v) { signInFunction = v; return this; }
        public Builder meFunction(IFunction v) { meFunction = v; return this; }
        public Builder userPool(IUserPool v) { userPool = v; return this; }
        public Builder linkPage(LinkPage v) { linkPage = v; return this; }
        public Builder stageName(String v) { stageName = v; return this; }
        public Builder throttleRateLimit(double v) { throttleRateLimit = v; return this; }
        public Builder throttleBurstLimit(int v) { throttleBurstLimit = v; return this; }
        public Builder openThrottleRateLimit(double v) { openThrottleRateLimit = v; return this; }
        public Builder openThrottleBurstLimit(int v) { openThrottleBurstLimit = v; return this; }
        public Builder logRetentionDays(int v) { logRetentionDays = v; return this; }

        public SignInRestApiProps build() {
            return new SignInRestApiProps(signInFunction, meFunction, userPool, linkPage, stageName, throttleRateLimit, throttleBurstLimit,
                    openThrottleRateLimit, openThrottleBurstLimit, logRetentionDays);
        }
    }
}
