package com.example.signin.local.internal;

/**
 * An error the user pool endpoint answers with Cognito's shape:
 * {@code {"__type": type, "message": message}} and HTTP 400.
 */
public final class CognitoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final int status;

    public CognitoException(String type, String message) {
        this(type, message, 400);
    }

    public CognitoException(String type, String message, int status) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    public static CognitoException notAuthorized(String message) {
        return new CognitoException("NotAuthorizedException", message);
    }

    public static CognitoException invalidParameter(String message) {
        return new CognitoException("InvalidParameterException", message);
    }

    public static CognitoException userNotFound() {
        return new CognitoException("UserNotFoundException", "User does not exist.");
    }

    /** Cognito's wording for a missing member, as its request validation words it. */
    public static CognitoException missing(String member) {
        return new CognitoException("InvalidParameterException",
                "1 validation error detected: Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
    }
}
