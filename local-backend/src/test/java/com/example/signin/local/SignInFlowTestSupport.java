package com.example.signin.local;

import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Map;

/** Reads a token's claims (signature checks are in {@link SignInFlowTest}). */
final class SignInFlowTestSupport {

    private SignInFlowTestSupport() {
    }

    static Map<String, Object> claims(String jwt) throws ParseException {
        return SignedJWT.parse(jwt).getJWTClaimsSet().getClaims();
    }
}
