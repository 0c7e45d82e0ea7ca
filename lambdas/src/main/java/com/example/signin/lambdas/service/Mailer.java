package com.example.signin.lambdas.service;

/** Sends one composed sign-in email. */
public interface Mailer {

    /**
     * Hands {@code message} to the mail provider. Success means the provider accepted it, not
     * that it was delivered.
     *
     * @throws MailDeliveryException when the provider refuses or cannot be reached
     */
    void send(MailMessage message);
}
