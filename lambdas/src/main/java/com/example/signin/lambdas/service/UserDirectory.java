package com.example.signin.lambdas.service;

import com.example.signin.protocol.EmailAddress;

import java.util.Optional;

/**
 * The accounts of a user pool. Implementations throw {@link UserDirectoryException} when the
 * directory cannot answer.
 */
public interface UserDirectory {

    /** The username of the account with this email address, if there is one. */
    Optional<String> findByEmail(String userPoolId, EmailAddress email);

    /**
     * Creates a confirmed account for {@code email} without sending any message of the
     * directory's own, and returns its username. When the account appeared meanwhile (a
     * concurrent request), returns that account's username.
     */
    String createConfirmed(String userPoolId, EmailAddress email);

    /** Sets {@code email_verified=true} on the account. */
    void markEmailVerified(String userPoolId, String username);
}
