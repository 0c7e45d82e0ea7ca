package com.example.signin.local.internal;

import com.example.signin.protocol.Secrets;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;

/**
 * What names a pool and stays fixed for its data folder: the pool and client ids and the salt
 * of the link store's hashes ({@code EMAIL_HASH_SALT}).
 */
public record PoolIds(String userPoolId, String clientId, String linkHashSalt) {

    /** New ids in Cognito's shapes ({@code us-east-1_AbCdEfGhI}, a 26-character client id). */
    public static PoolIds generate(String region) {
        SecureRandom random = new SecureRandom();
        return new PoolIds(region + "_" + randomText(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 9),
                randomText(random, "abcdefghijklmnopqrstuvwxyz0123456789", 26), Secrets.generate(random));
    }

    /** The request's {@code ClientId}, refused as Cognito does when it is not this pool's client. */
    String requireClient(JsonNode request) {
        String given = AwsJson.requireText(request, "ClientId");
        if (!given.equals(clientId)) {
            throw new CognitoException("ResourceNotFoundException", "User pool client " + given + " does not exist.");
        }
        return given;
    }

    /** Refuses a request whose {@code UserPoolId} is not this pool's, as Cognito does. */
    void requirePool(JsonNode request) {
        String given = AwsJson.requireText(request, "UserPoolId");
        if (!given.equals(userPoolId)) {
            throw new CognitoException("ResourceNotFoundException", "User pool " + given + " does not exist.");
        }
    }

    private static String randomText(SecureRandom random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
