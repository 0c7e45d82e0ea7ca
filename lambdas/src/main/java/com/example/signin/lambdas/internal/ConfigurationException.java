package com.example.signin.lambdas.internal;

/** A missing or invalid setting at startup. The message names the variable and what it expects. */
public final class ConfigurationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
