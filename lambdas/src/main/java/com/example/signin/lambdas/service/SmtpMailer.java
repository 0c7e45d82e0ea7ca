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
import java.util.Objects;
import java.util.Properties;

/**
 * Sends over plain SMTP without authentication (Angus Mail): for the local backend's embedded
 * mail server, and for a relay on a trusted network.
 */
public final class SmtpMailer implements Mailer {

    private final Session session;
    private final MailSender sender;

    public SmtpMailer(String host, int port, MailSender sender) {
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
        this.session = Session.getInstance(props);
    }

    @Override
    public void send(MailMessage message) {
        try {
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
            Transport.send(mime);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailDeliveryException("The SMTP server did not accept the sign-in email", e);
        }
    }
}
