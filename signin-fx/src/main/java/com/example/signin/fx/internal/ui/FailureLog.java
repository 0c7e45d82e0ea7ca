package com.example.signin.fx.internal.ui;

import com.example.signin.fx.internal.client.SignInException;
import org.slf4j.Logger;

/** How the screens log a failed step (the problem name always, the cause only when unexpected) and tell link problems apart. */
final class FailureLog {

    private FailureLog() {
    }

    static void log(Logger log, String step, Exception failure) {
        if (failure instanceof SignInException e && e.problem() != SignInException.Problem.UNEXPECTED) {
            log.warn("{} failed: {} ({})", step, e.problem(), e.getMessage());
        } else {
            log.error("{} failed unexpectedly", step, failure);
        }
    }

    static boolean isLinkProblem(Exception failure) {
        return failure instanceof SignInException e && e.problem().name().startsWith("LINK_");
    }
}
