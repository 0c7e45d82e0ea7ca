package com.example.signin.fx.internal.client;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Lets the warm-up rehearse a user pool call without sending it: a request carrying
 * {@link #REHEARSAL} is marshalled, resolved to its endpoint and signed like a real one, then
 * stopped here, before the HTTP client sends a byte. So the first real sign-in finds the SDK's
 * request path loaded and compiled, and no request the person did not make reaches the pool.
 */
final class WarmUpGuard implements ExecutionInterceptor {

    /** Marks a request as a rehearsal. */
    static final ExecutionAttribute<Boolean> REHEARSAL = new ExecutionAttribute<>("signin.warmUpRehearsal");

    /** Thrown at a rehearsal's last step before the network; expected by whoever rehearses. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("A warm-up rehearsal is never sent", null, false, false);
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(REHEARSAL))) {
            throw new Stopped();
        }
    }

    /** Whether {@code failure} (or a cause of it) is a rehearsal's stop. */
    static boolean stoppedRehearsal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Stopped) {
                return true;
            }
        }
        return false;
    }
}
