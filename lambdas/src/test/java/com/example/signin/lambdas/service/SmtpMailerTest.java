package com.example.signin.lambdas.service;

import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.OneTimeCode;
import com.example.signin.protocol.Secrets;
import com.example.signin.lambdas.testing.CountingTcpProxy;
import com.example.signin.lambdas.testing.RefusingSmtpServer;
import com.example.signin.lambdas.testing.SeededRandom;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SMTP adapter and the templates against GreenMail: what a mail client would receive. */
class SmtpMailerTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private static final MagicLinkFormat FORMAT = new MagicLinkFormat("com.example.signin", "https://signin.example.com");
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

    private final MailComposer composer = new MailComposer();
    private final String secret = Secrets.generate(new SeededRandom(3));
    private final String code = OneTimeCode.derive(secret);

    private SmtpMailer mailer(MailSender sender) {
        return new SmtpMailer("127.0.0.1", GREEN_MAIL.getSmtp().getPort(), sender);
    }

    private MimeMessage sendAndReceive(String to, String link) {
        mailer(new MailSender("no-reply@example.com", "Example Sign-in")).send(composer.compose(to, link, code, Duration.ofMinutes(15), "en"));
        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.com", "a+b&c'd@example.com", "o'brien+tag@example.co.uk"})
    void theMailParsesWithBothPartsAndTheLinkInEachRoundTrips(String to) throws Exception {
        MimeMessage message = sendAndReceive(to, FORMAT.pageLink(secret));

        assertThat(message.getSubject()).isEqualTo("Your sign-in link");
        assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Address::toString).containsExactly(to);
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Example Sign-in");
        assertThat(message.getHeader("To")).hasSize(1);
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        String text = partOfType(parts, "text/plain");
        String html = partOfType(parts, "text/html");

        assertThat(FORMAT.parseSecret(MagicLinkServiceTest.linkIn(text))).isEqualTo(secret);
        Matcher href = HREF.matcher(html);
        assertThat(href.find()).isTrue();
        assertThat(FORMAT.parseSecret(unescape(href.group(1)))).isEqualTo(secret);
        assertThat(text).contains(to).contains("15 minutes").contains("ignore this email");
        assertThat(html).contains(escape(to)).contains("15 minutes").contains("ignore this email");
        if (to.contains("&")) {
            assertThat(html).doesNotContain(to);
        }
    }

    @Test
    void theAppLinkOfTheDirectStyleRoundTripsToo() throws Exception {
        MimeMessage message = sendAndReceive("alice@example.com", FORMAT.appLink(secret));
        MimeMultipart parts = (MimeMultipart) message.getContent();

        Matcher href = HREF.matcher(partOfType(parts, "text/html"));
        assertThat(href.find()).isTrue();
        assertThat(FORMAT.parseSecret(unescape(href.group(1)))).isEqualTo(secret);
        assertThat(FORMAT.parseSecret(MagicLinkServiceTest.linkIn(partOfType(parts, "text/plain")))).isEqualTo(secret);
    }

    @Test
    void markupInAnAddressIsShownAsTextNeverAsMarkup() throws Exception {
        String hostile = "\"<script>alert(1)</script>\"@example.com";
        MailMessage mail = composer.compose(hostile, FORMAT.pageLink(secret), code, Duration.ofMinutes(15), "en");

        assertThat(mail.html()).doesNotContain("<script>").contains("&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;@example.com");
        assertThat(mail.text()).contains(hostile);

        mailer(new MailSender("no-reply@example.com", "")).send(mail);
        MimeMultipart parts = (MimeMultipart) GREEN_MAIL.getReceivedMessages()[0].getContent();
        assertThat(partOfType(parts, "text/html")).doesNotContain("<script>");
    }

    @Test
    void aTemplatePlaceholderInsideAnAddressIsNotExpanded() {
        MailMessage mail = composer.compose("{{link}}@example.com", FORMAT.pageLink(secret), code, Duration.ofMinutes(15), "en");

        assertThat(mail.text()).contains("{{link}}@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.com\r\nBcc: victim@example.org", "alice@example.com\nBcc: x@y.org", "a\rb@example.com"})
    void lineBreaksNeverReachAHeader(String to) {
        assertThatThrownBy(() -> composer.compose(to, FORMAT.pageLink(secret), code, Duration.ofMinutes(15), "en"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line breaks");
        assertThatThrownBy(() -> new MailSender("no-reply@example.com", "Evil\r\nBcc: x@example.org"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aSenderNameOutsideAsciiIsEncodedNotSentRaw() throws Exception {
        mailer(new MailSender("no-reply@example.com", "Anmeldung für Beispiel")).send(
                composer.compose("alice@example.com", FORMAT.pageLink(secret), code, Duration.ofMinutes(15), "de"));
        MimeMessage message = GREEN_MAIL.getReceivedMessages()[0];

        assertThat(message.getHeader("From")[0]).doesNotContain("ü").contains("=?UTF-8?");
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Anmeldung für Beispiel");
        assertThat(message.getSubject()).isEqualTo("Ihr Anmeldelink");
    }

    @Test
    void anUnreachableServerIsAMailDeliveryFailure() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SmtpMailer unreachable = new SmtpMailer("127.0.0.1", closedPort, new MailSender("no-reply@example.com", ""));

        assertThatThrownBy(() -> unreachable.send(composer.compose("alice@example.com", FORMAT.pageLink(secret), code, Duration.ofMinutes(15), "en")))
                .isInstanceOf(MailDeliveryException.class);
    }

    @Test
    void aBurstOfMailsSharesOneKeptConnection() throws Exception {
        try (CountingTcpProxy proxy = new CountingTcpProxy(GREEN_MAIL.getSmtp().getPort());
             SmtpMailer mailer = new SmtpMailer("127.0.0.1", proxy.port(), new MailSender("no-reply@example.com", ""))) {
            for (int i = 0; i < 5; i++) {
                mailer.send(composer.compose("user" + i + "@example.com", FORMAT.pageLink(secret), code, Duration.ofMinutes(15), "en"));
            }

            assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(5);
            assertThat(proxy.opened()).isEqualTo(1);
        }
    }

    @Test
    void aMailAfterTheServerDroppedTheKeptConnectionStillGoesOutOnce() throws Exception {
        try (CountingTcpProxy proxy = new CountingTcpProxy(GREEN_MAIL.getSmtp().getPort());
             SmtpMailer mailer = new SmtpMailer("127.0.0.1", proxy.port(), new MailSender("no-reply@example.com", ""))) {
            mailer.send(composer.compose("first@example.com", FORMAT.pageLink(secret), code, Duration.ofMinutes(15), "en"));
            proxy.dropAll();

            mailer.send(composer.compose("second@example.com", FORMAT.pageLink(secret), code, Duration.ofMinutes(15), "en"));

            assertThat(GREEN_MAIL.getReceivedMessages()).extracting(m -> m.getAllRecipients()[0].toString())
                    .containsExactly("first@example.com", "second@example.com");
            assertThat(proxy.opened()).isEqualTo(2);
        }
    }

    @Test
    void aConnectionIdleLongerThanTheReuseWindowIsClosedAndANewOneOpened() throws Exception {
        AtomicLong nanos = new AtomicLong();
        try (CountingTcpProxy proxy = new CountingTcpProxy(GREEN_MAIL.getSmtp().getPort());
             SmtpMailer mailer = new SmtpMailer("127.0.0.1", proxy.port(), new MailSender("no-reply@example.com", ""), nanos::get)) {
            mailer.send(composer.compose("first@example.com", FORMAT.pageLink(secret), code, Duration.ofMinutes(15), "en"));
            nanos.addAndGet(SmtpMailer.REUSE_WITHIN.minusMillis(1).toNanos());
            mailer.send(composer.compose("second@example.com", FORMAT.pageLink(secret), code, Duration.ofMinutes(15), "en"));
            assertThat(proxy.opened()).isEqualTo(1);

            nanos.addAndGet(SmtpMailer.REUSE_WITHIN.toNanos());
            mailer.send(composer.compose("third@example.com", FORMAT.pageLink(secret), code, Duration.ofMinutes(15), "en"));

            assertThat(proxy.opened()).isEqualTo(2);
            assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(3);
            awaitOpen(proxy, 1);
        }
    }

    @Test
    void closingTheMailerClosesItsKeptConnections() throws Exception {
        CountingTcpProxy proxy = new CountingTcpProxy(GREEN_MAIL.getSmtp().getPort());
        try (proxy) {
            SmtpMailer mailer = new SmtpMailer("127.0.0.1", proxy.port(), new MailSender("no-reply@example.com", ""));
            mailer.send(composer.compose("first@example.com", FORMAT.pageLink(secret), code, Duration.ofMinutes(15), "en"));
            assertThat(proxy.open()).isEqualTo(1);

            mailer.close();

            awaitOpen(proxy, 0);
        }
    }

    @Test
    void aRefusalOnAKeptConnectionIsAFailureAndTheMailIsNotTriedOnAnotherConnection() throws Exception {
        try (RefusingSmtpServer server = new RefusingSmtpServer(1);
             SmtpMailer mailer = new SmtpMailer("127.0.0.1", server.port(), new MailSender("no-reply@example.com", ""))) {
            mailer.send(composer.compose("first@example.com", FORMAT.pageLink(secret), code, Duration.ofMinutes(15), "en"));

            assertThatThrownBy(() -> mailer.send(composer.compose("second@example.com", FORMAT.pageLink(secret), code,
                    Duration.ofMinutes(15), "en")))
                    .isInstanceOf(MailDeliveryException.class)
                    .hasMessage("The SMTP server did not accept the sign-in email");

            assertThat(server.received()).isEqualTo(1);
            assertThat(server.connections()).isEqualTo(1);
            awaitEnded(server, 1);
        }
    }

    @Test
    void aRefusalOnANewConnectionIsAFailureAndClosesTheConnection() throws Exception {
        try (RefusingSmtpServer server = new RefusingSmtpServer(0);
             SmtpMailer mailer = new SmtpMailer("127.0.0.1", server.port(), new MailSender("no-reply@example.com", ""))) {
            assertThatThrownBy(() -> mailer.send(composer.compose("first@example.com", FORMAT.pageLink(secret), code,
                    Duration.ofMinutes(15), "en")))
                    .isInstanceOf(MailDeliveryException.class);

            assertThat(server.received()).isZero();
            awaitEnded(server, 1);
        }
    }

    @Test
    void aMailSentAfterTheMailerClosedDoesNotKeepItsConnection() throws Exception {
        try (CountingTcpProxy proxy = new CountingTcpProxy(GREEN_MAIL.getSmtp().getPort())) {
            SmtpMailer mailer = new SmtpMailer("127.0.0.1", proxy.port(), new MailSender("no-reply@example.com", ""));
            mailer.close();

            mailer.send(composer.compose("late@example.com", FORMAT.pageLink(secret), code, Duration.ofMinutes(15), "en"));

            assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
            awaitOpen(proxy, 0);
        }
    }

    private static void awaitEnded(RefusingSmtpServer server, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (server.ended() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.ended()).isEqualTo(expected);
    }

    private static void awaitOpen(CountingTcpProxy proxy, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (proxy.open() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(proxy.open()).isEqualTo(expected);
    }

    private static String partOfType(MimeMultipart parts, String type) throws Exception {
        for (BodyPart part : Collections.list(java.util.Collections.enumeration(bodyParts(parts)))) {
            if (part.isMimeType(type)) {
                assertThat(part.getContentType()).containsIgnoringCase("charset=UTF-8");
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static java.util.List<BodyPart> bodyParts(MimeMultipart parts) throws Exception {
        java.util.List<BodyPart> list = new java.util.ArrayList<>();
        for (int i = 0; i < parts.getCount(); i++) {
            list.add(parts.getBodyPart(i));
        }
        return list;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String unescape(String s) {
        return s.replace("&#39;", "'").replace("&quot;", "\"").replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&");
    }
}
