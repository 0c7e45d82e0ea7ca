package com.example.signin.lambdas.service;

/** The queue refused a request (full, or unreachable); nothing was queued, so a retry works. */
public final class LinkQueueFullException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LinkQueueFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
