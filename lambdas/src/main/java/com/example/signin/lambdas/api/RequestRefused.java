package com.example.signin.lambdas.api;

/** A request the parser refuses; {@link #answer()} is what the caller gets. */
public final class RequestRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SignInAnswer answer;

    RequestRefused(SignInAnswer answer) {
        super(answer.status() + " " + answer.body(), null, false, false);
        this.answer = answer;
    }

    public SignInAnswer answer() {
        return answer;
    }
}
