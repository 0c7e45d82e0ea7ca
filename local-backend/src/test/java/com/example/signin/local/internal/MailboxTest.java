package com.example.signin.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.signin.lambdas.service.MailMessage;
import com.example.signin.lambdas.service.MailSender;
import com.example.signin.lambdas.service.SmtpMailer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aReaderWaitingForAFirstMailGetsItAsItArrivesWhileAnotherAddressStillGetsNothing() throws Exception {
        try (Mailbox mailbox = Mailbox.start("com.example.signin", 3)) {
            SmtpMailer mailer = new SmtpMailer("127.0.0.1", mailbox.smtpPort(), new MailSender("no-reply@signin.example", "Sign-in"));
            CompletableFuture<List<Mailbox.Mail>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return mailbox.messages("Late@example.com", Duration.ofMinutes(2));
                } catch (InterruptedException e) {
                    throw new CompletionException(e);
                }
            });

            mailer.send(new MailMessage("late@example.com", "arrived", "<p>html</p>", "text"));

            assertThat(waiting.get(2, TimeUnit.MINUTES)).extracting(Mailbox.Mail::subject).containsExactly("arrived");
            assertThat(mailbox.messages("nobody@example.com", Duration.ofMillis(20))).isEmpty();
        }
    }

    @Test
    void aWaitThatIsNotAWholeNumberOfSecondsUpToThirtyIsRefusedWithASentence() {
        try (Mailbox mailbox = Mailbox.start("com.example.signin", 3)) {
            assertThatThrownBy(() -> mailbox.messagesJson(null, "forever"))
                    .hasMessage("wait must be a whole number of seconds from 0 to 30, not: forever");
            assertThatThrownBy(() -> mailbox.messagesJson(null, "31"))
                    .hasMessage("wait must be a whole number of seconds from 0 to 30, not: 31");
        }
    }
}
