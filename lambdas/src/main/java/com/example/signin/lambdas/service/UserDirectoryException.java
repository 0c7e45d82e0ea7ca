package com.example.signin.lambdas.service;

/** The user directory could not answer (unreachable, throttled, refused). */
public class UserDirectoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
