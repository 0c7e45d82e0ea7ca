package com.example.signin.lambdas.service;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * Sends over plain SMTP without authentication (Angus Mail): for the local backend's embedded
 * mail server, and for a relay on a trusted network.
 *
 * <p>Connections are kept open between mails (at most {@link #MAX_IDLE_CONNECTIONS}), so a burst
 * of mails does not pay a connect, greeting and {@code EHLO} each. A connection idle for longer
 * than {@link #REUSE_WITHIN} is closed instead of reused, well inside the five minutes a server
 * must wait before it may drop an idle client (RFC 5321, 4.5.3.2.7), so a reused connection is
 * rarely one the server has closed; if it is (the server restarted), the mail goes once more on
 * a new connection. A connection that saw any failure is closed.
 */
public final class SmtpMailer implements Mailer, AutoCloseable {

    /** Idle connections kept for the next mails: about one per delivery thread. */
    static final int MAX_IDLE_CONNECTIONS = 4;

    /** An idle connection older than this is closed rather than reused. */
    static final Duration REUSE_WITHIN = Duration.ofSeconds(30);

    static {
        nameStreamProvider();
    }

    /**
     * Jakarta Mail 2.1 looks its stream provider up with a ServiceLoader scan of every jar on each
     * MIME part made or parsed (about a tenth of the local backend's CPU per sign-in); naming the one
     * provider there is, Angus Mail's, makes that a class lookup. An explicit setting wins. For the
     * mailer here, and for whoever parses mail in this JVM (the local backend's mailbox).
     */
    public static void nameStreamProvider() {
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    /**
     * Times the writes of every connection. Without it Angus Mail gives each connection a thread of
     * its own for that, which is not a daemon: a kept connection would keep the JVM from ending.
     */
    private static final ScheduledExecutorService WRITE_TIMEOUTS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smtp-write-timeouts");
        t.setDaemon(true);
        return t;
    });

    private record Idle(Transport transport, long since) {
    }

    private final Session session;
    private final MailSender sender;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private final LongSupplier nanoTime;
    private boolean closed;

    public SmtpMailer(String host, int port, MailSender sender) {
        this(host, port, sender, System::nanoTime);
    }

    /** @param nanoTime the monotonic clock that ages idle connections (tests pass their own) */
    SmtpMailer(String host, int port, MailSender sender, LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("The SMTP port must be from 1 to 65535, not " + port);
        }
        this.sender = Objects.requireNonNull(sender, "sender");
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        props.put("mail.smtp.writetimeout", "10000");
        props.put("mail.smtp.executor.writetimeout", WRITE_TIMEOUTS);
        this.session = Session.getInstance(props);
    }

    @Override
    public void send(MailMessage message) {
        MimeMessage mime;
        try {
            mime = mime(message);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailDeliveryException("The sign-in email could not be composed", e);
        }
        Transport reused = takeIdle();
        if (reused != null) {
            try {
                reused.sendMessage(mime, mime.getAllRecipients());
                giveBack(reused);
                return;
            } catch (MessagingException | IllegalStateException e) {
                if (stillConnected(reused)) {
                    // the server answered and refused: another connection would hear the same
                    closeQuietly(reused);
                    throw new MailDeliveryException("The SMTP server did not accept the sign-in email", e);
                }
                // The server dropped the kept connection (it restarted, or timed it out early): the
                // others are as old, so they go too, and the mail goes once more on a new connection.
                closeQuietly(reused);
                closeIdle();
            }
        }
        Transport fresh = null;
        try {
            fresh = session.getTransport("smtp");
            fresh.connect();
            fresh.sendMessage(mime, mime.getAllRecipients());
            giveBack(fresh);
        } catch (MessagingException e) {
            closeQuietly(fresh);
            throw new MailDeliveryException("The SMTP server did not accept the sign-in email", e);
        } catch (RuntimeException e) {
            closeQuietly(fresh);
            throw e;
        }
    }

    private MimeMessage mime(MailMessage message) throws MessagingException, UnsupportedEncodingException {
        MimeMessage mime = new MimeMessage(session);
        mime.setFrom(new InternetAddress(sender.address(), sender.name().isEmpty() ? null : sender.name(), "UTF-8"));
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to(), true));
        mime.setSubject(message.subject(), "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(message.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(message.html(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        mime.setContent(alternative);
        mime.saveChanges();
        return mime;
    }

    /** The most recently used idle connection if it is fresh enough; older ones are closed. */
    private Transport takeIdle() {
        long now = nanoTime.getAsLong();
        synchronized (idle) {
            Idle newest = idle.pollFirst();
            if (newest == null) {
                return null;
            }
            if (now - newest.since() < REUSE_WITHIN.toNanos()) {
                return newest.transport();
            }
            closeQuietly(newest.transport());
        }
        closeIdle(); // the others are older still
        return null;
    }

    private void giveBack(Transport transport) {
        synchronized (idle) {
            if (!closed && idle.size() < MAX_IDLE_CONNECTIONS) {
                idle.addFirst(new Idle(transport, nanoTime.getAsLong()));
                return;
            }
        }
        closeQuietly(transport);
    }

    /** Closes the idle connections; later mails open and close their own. */
    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
        }
        closeIdle();
    }

    private void closeIdle() {
        synchronized (idle) {
            idle.forEach(i -> closeQuietly(i.transport()));
            idle.clear();
        }
    }

    /** Whether the server still answers on {@code transport} (a {@code NOOP} round trip). */
    private static boolean stillConnected(Transport transport) {
        try {
            return transport.isConnected();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void closeQuietly(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            // the connection is dropped either way
        }
    }
}
