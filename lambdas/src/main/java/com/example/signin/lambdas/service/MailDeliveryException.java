package com.example.signin.lambdas.service;

/** The mail provider refused a message or could not be reached. */
public final class MailDeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
