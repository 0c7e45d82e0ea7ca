package com.example.signin.lambdas.testing;

import com.example.signin.lambdas.service.MailDeliveryException;
import com.example.signin.lambdas.service.MailMessage;
import com.example.signin.lambdas.service.Mailer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every message; fails while {@link #failing} is set, as a provider outage would. */
public final class RecordingMailer implements Mailer {

    public final List<MailMessage> sent = new CopyOnWriteArrayList<>();
    public volatile boolean failing;

    @Override
    public void send(MailMessage message) {
        if (failing) {
            throw new MailDeliveryException("provider down", new java.io.IOException("connection refused"));
        }
        sent.add(message);
    }

    public MailMessage last() {
        return sent.get(sent.size() - 1);
    }
}
