package com.example.signin.lambdas;

/**
 * The pre sign-up trigger refuses an account. Cognito shows the message to the caller as
 * {@code "PreSignUp failed with error <message>."}, so it is a sentence a person can act on.
 */
public final class SignUpRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SignUpRefusedException(String message) {
        super(message, null, false, false);
    }
}
