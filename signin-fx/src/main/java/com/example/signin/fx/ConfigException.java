package com.example.signin.fx;

/** A configuration file the app cannot use; the message says which file and what to fix. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * A problem without a cause.
     *
     * @param message the sentence: which file, which key, what to fix
     */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * A problem with its cause.
     *
     * @param message the sentence: which file, which key, what to fix
     * @param cause   what failed underneath
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
