package com.example.signin.lambdas.internal;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Stops a request marked with {@link #PRIMING} just before it would go on the wire, after
 * marshalling and signing: priming runs the SDK's whole request path without any network call.
 */
public final class PrimingInterceptor implements ExecutionInterceptor {

    public static final ExecutionAttribute<Boolean> PRIMING = new ExecutionAttribute<>("MagicLinkPriming");

    /** Thrown to end a priming request. */
    public static final class PrimingComplete extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PrimingComplete() {
            super("priming request stopped before transmission", null, false, false);
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(PRIMING))) {
            throw new PrimingComplete();
        }
    }
}
