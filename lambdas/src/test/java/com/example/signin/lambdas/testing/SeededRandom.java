package com.example.signin.lambdas.testing;

import java.security.SecureRandom;
import java.util.Random;

/** A SecureRandom with a reproducible sequence, so a failing test fails the same way again. */
public final class SeededRandom extends SecureRandom {

    private static final long serialVersionUID = 1L;
    private final transient Random sequence;

    public SeededRandom(long seed) {
        this.sequence = new Random(seed);
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        sequence.nextBytes(bytes);
    }
}
