package com.example.signin.cdk;

import java.util.Objects;
import software.amazon.awscdk.services.lambda.IFunction;

/**
 * @param signInFunction     what {@code POST /signin} invokes (an alias)
 * @param linkPage           what {@code GET /open} serves
 * @param stageName          the stage, also the last part of the API's URL
 * @param throttleRateLimit  steady requests per second of the stage
 * @param throttleBurstLimit burst of the stage
 * @param logRetentionDays   retention of the access log
 */
public record SignInRestApiProps(IFunction signInFunction, LinkPage linkPage, String stageName, double throttleRateLimit,
                                 int throttleBurstLimit, int logRetentionDays) {

    public SignInRestApiProps {
        Objects.requireNonNull(signInFunction, "signInFunction");
        Objects.requireNonNull(linkPage, "linkPage");
        Objects.requireNonNull(stageName, "stageName");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private IFunction signInFunction;
        private LinkPage linkPage;
        private String stageName = "prod";
        private double throttleRateLimit = 10;
        private int throttleBurstLimit = 20;
        private int logRetentionDays = 30;

        private Builder() {
        }

        public Builder signInFunction(IFunction v) { signInFunction = v; return this; }
        public Builder linkPage(LinkPage v) { linkPage = v; return this; }
        public Builder stageName(String v) { stageName = v; return this; }
        public Builder throttleRateLimit(double v) { throttleRateLimit = v; return this; }
        public Builder throttleBurstLimit(int v) { throttleBurstLimit = v; return this; }
        public Builder logRetentionDays(int v) { logRetentionDays = v; return this; }

        public SignInRestApiProps build() {
            return new SignInRestApiProps(signInFunction, linkPage, stageName, throttleRateLimit, throttleBurstLimit, logRetentionDays);
        }
    }
}
