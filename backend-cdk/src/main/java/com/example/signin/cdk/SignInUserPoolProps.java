package com.example.signin.cdk;

import java.util.Objects;
import software.amazon.awscdk.services.lambda.IFunction;

/**
 * The triggers (aliases of published versions) and token lifetimes of a {@link SignInUserPool}.
 */
public record SignInUserPoolProps(IFunction preSignUp, IFunction defineAuthChallenge, IFunction createAuthChallenge,
                                  IFunction verifyAuthChallengeResponse, IFunction postAuthentication,
                                  int idTokenMinutes, int accessTokenMinutes, int refreshTokenDays) {

    public SignInUserPoolProps {
        Objects.requireNonNull(preSignUp, "preSignUp");
        Objects.requireNonNull(defineAuthChallenge, "defineAuthChallenge");
        Objects.requireNonNull(createAuthChallenge, "createAuthChallenge");
        Objects.requireNonNull(verifyAuthChallengeResponse, "verifyAuthChallengeResponse");
        Objects.requireNonNull(postAuthentication, "postAuthentication");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private IFunction preSignUp;
        private IFunction defineAuthChallenge;
        private IFunction createAuthChallenge;
        private IFunction verifyAuthChallengeResponse;
        private IFunction postAuthentication;
        private int idTokenMinutes = 60;
        private int accessTokenMinutes = 60;
        private int refreshTokenDays = 30;

        private Builder() {
        }

        public Builder preSignUp(IFunction v) { preSignUp = v; return this; }
        public Builder defineAuthChallenge(IFunction v) { defineAuthChallenge = v; return this; }
        public Builder createAuthChallenge(IFunction v) { createAuthChallenge = v; return this; }
        public Builder verifyAuthChallengeResponse(IFunction v) { verifyAuthChallengeResponse = v; return this; }
        public Builder postAuthentication(IFunction v) { postAuthentication = v; return this; }
        public Builder idTokenMinutes(int v) { idTokenMinutes = v; return this; }
        public Builder accessTokenMinutes(int v) { accessTokenMinutes = v; return this; }
        public Builder refreshTokenDays(int v) { refreshTokenDays = v; return this; }

        public SignInUserPoolProps build() {
            return new SignInUserPoolProps(preSignUp, defineAuthChallenge, createAuthChallenge, verifyAuthChallengeResponse,
                    postAuthentication, idTokenMinutes, accessTokenMinutes, refreshTokenDays);
        }
    }
}
