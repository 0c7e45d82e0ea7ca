package com.example.signin.cdk;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * This project's own stack: one {@link MagicLinkBackend} and the desktop app's configuration as
 * its outputs, so {@code cdk deploy --outputs-file out.json} writes the file the app reads with
 * {@code --config}.
 */
public final class SignInStack extends Stack {

    /**
     * CDK leaves a child with this id out of its descendants' logical ids: the resources keep the
     * ids they had when the stack built them itself, so an update never replaces them (the user
     * pool least of all).
     */
    static final String BACKEND_ID = "Default";

    private final MagicLinkBackend backend;

    public SignInStack(Construct scope, String id, StackProps props, MagicLinkBackendProps settings) {
        super(scope, id, props);
        backend = new MagicLinkBackend(this, BACKEND_ID, settings);
        backend.outputAppConfiguration(this);
    }

    public MagicLinkBackend backend() {
        return backend;
    }
}
