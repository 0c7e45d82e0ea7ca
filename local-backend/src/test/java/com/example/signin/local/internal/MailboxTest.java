package com.example.signin.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.lambdas.service.MailMessage;
import com.example.signin.lambdas.service.MailSender;
import com.example.signin.lambdas.service.SmtpMailer;
import org.junit.jupiter.api.Test;

/** The mailbox keeps the newest messages only, so its memory stays bounded however long the backend runs. */
class MailboxTest {

    @Test
    void theOldestMailIsDroppedOnceTheMailboxIsFullAndEachAddressStillSeesItsOwn() {
        try (Mailbox mailbox = Mailbox.start("com.example.signin", 3)) {
            SmtpMailer mailer = new SmtpMailer("127.0.0.1", mailbox.smtpPort(), new MailSender("no-reply@signin.example", "Sign-in"));
            for (int i = 1; i <= 5; i++) {
                String to = i % 2 == 0 ? "even@example.com" : "odd@example.com";
                mailer.send(new MailMessage(to, "message " + i, "<p>html " + i + "</p>", "text " + i));
            }

            assertThat(mailbox.messages(null)).extracting(Mailbox.Mail::subject)
                    .containsExactly("message 3", "message 4", "message 5");
            assertThat(mailbox.messages("ODD@example.com")).extracting(Mailbox.Mail::subject)
                    .containsExactly("message 3", "message 5");
            assertThat(mailbox.messages("even@example.com")).extracting(Mailbox.Mail::to)
                    .containsExactly(java.util.List.of("even@example.com"));
            assertThat(mailbox.page(null)).contains("the latest 3 messages").doesNotContain("message 2");
        }
    }
}
