package com.example.signin.lambdas.service;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

import java.util.Objects;

/** Sends through Amazon SES v2 {@code SendEmail} with simple content (HTML and text parts, UTF-8). */
public final class SesMailer implements Mailer {

    private final SesV2Client ses;
    private final MailSender sender;

    public SesMailer(SesV2Client ses, MailSender sender) {
        this.ses = Objects.requireNonNull(ses, "ses");
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    @Override
    public void send(MailMessage message) {
        SendEmailRequest request = SendEmailRequest.builder()
                .fromEmailAddress(sender.headerValue())
                .destination(d -> d.toAddresses(message.to()))
                .content(EmailContent.builder().simple(Message.builder()
                        .subject(utf8(message.subject()))
                        .body(Body.builder().html(utf8(message.html())).text(utf8(message.text())).build())
                        .build()).build())
                .build();
        try {
            ses.sendEmail(request);
        } catch (SdkException e) {
            throw new MailDeliveryException("SES did not accept the sign-in email", e);
        }
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }
}
