package com.example.signin.fx.internal.client;

import com.example.signin.fx.internal.client.SignInException.Problem;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;

/** Tells "no network at all" from "the server does not answer", from an exception's causes. */
final class NetworkProblems {

    private NetworkProblems() {
    }

    /**
     * {@link Problem#OFFLINE} when a name does not resolve or there is no route (no network);
     * {@link Problem#UNREACHABLE} when a connection is refused or times out; empty when the
     * chain holds no network failure.
     */
    static Optional<Problem> classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return Optional.of(Problem.OFFLINE);
            }
            if (t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof HttpTimeoutException || t instanceof InterruptedIOException) {
                return Optional.of(Problem.UNREACHABLE);
            }
            if (t instanceof java.io.IOException && t.getCause() == null) {
                return Optional.of(Problem.UNREACHABLE);
            }
        }
        return Optional.empty();
    }
}
