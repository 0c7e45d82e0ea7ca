package com.example.signin.lambdas.service;

import com.example.signin.protocol.LinkRefusal;

import java.util.Objects;

/**
 * Thrown by the verify trigger when the secret matched but the link cannot sign in. Its message
 * is exactly the {@link LinkRefusal#code()}, because Lambda passes the message to Cognito, which
 * passes it to the app (see {@link LinkRefusal#COGNITO_MESSAGE_FORMAT}).
 */
public final class LinkRefusalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient LinkRefusal refusal;

    public LinkRefusalException(LinkRefusal refusal) {
        super(Objects.requireNonNull(refusal, "refusal").code(), null, false, false);
        this.refusal = refusal;
    }

    public LinkRefusal refusal() {
        return refusal;
    }
}
