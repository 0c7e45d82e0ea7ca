package com.example.signin.local.internal;

import com.example.signin.protocol.Html;
import com.example.signin.protocol.LinkPage;
import com.example.signin.protocol.Secrets;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The development mailbox: an embedded SMTP server (GreenMail, loopback, no authentication) that
 * the lambdas' SMTP mailer sends to, and the page and JSON that show what arrived. Mail is kept
 * in memory only, the latest {@link #KEPT_MESSAGES} messages: older ones are dropped as new ones
 * arrive, and all are gone after a restart (the links in them still work).
 */
public final class Mailbox implements AutoCloseable {

    /** How many messages the mailbox keeps (newest); bounds its memory however long the backend runs. */
    public static final int KEPT_MESSAGES = 1_000;

    /** The longest a reader of the JSON may ask to wait for a first message ({@code wait=} seconds). */
    public static final int MAX_WAIT_SECONDS = 30;

    private final GreenMail greenMail;
    private final int kept;
    private final Pattern linkPattern;
    /**
     * The messages, parsed once on arrival, oldest first, by id; and the same by recipient, so that
     * a reader's lookup costs what that address received, not the whole mailbox. Guarded by itself;
     * readers waiting for a first message wait on it.
     */
    private final LinkedHashMap<String, Mail> recent = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<Mail>> byRecipient = new HashMap<>();
    private long arrivals;

    private Mailbox(GreenMail greenMail, String scheme, int kept) {
        this.greenMail = greenMail;
        this.kept = kept;
        this.linkPattern = Pattern.compile("(?:https?|" + Pattern.quote(scheme) + ")://[^\\s<>\"']+");
    }

    /** Starts the SMTP server on a free loopback port. */
    public static Mailbox start(String scheme) {
        return start(scheme, KEPT_MESSAGES);
    }

    static Mailbox start(String scheme, int kept) {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        Mailbox mailbox = new Mailbox(greenMail, scheme, kept);
        mailbox.receiveEverything();
        return mailbox;
    }

    /**
     * Takes every message, whatever its recipients, as it arrives: parsed once into {@link #recent}.
     * GreenMail would otherwise make a mailbox per address and keep every message for ever; it still
     * stores each one in a folder of its own, which is emptied at each arrival since nothing reads it.
     * The recipients shown are read from the message itself.
     */
    private void receiveEverything() {
        GreenMailUser sink;
        MailFolder inbox;
        try {
            sink = greenMail.getUserManager().createUser("mailbox@localhost", "mailbox", Secrets.generate(new SecureRandom()));
            inbox = greenMail.getManagers().getImapHostManager().getInbox(sink);
        } catch (UserException | FolderException e) {
            throw new IllegalStateException("The mailbox could not be made", e);
        }
        greenMail.getUserManager().setMessageDeliveryHandler((message, address) -> {
            try {
                arrived(read(message.getMessage(), Instant.now()));
            } catch (IOException e) {
                throw new MessagingException("The message could not be read", e);
            }
            synchronized (inbox) {
                try {
                    List<StoredMessage> stored = inbox.getMessages();
                    if (!stored.isEmpty()) {
                        for (StoredMessage old : stored) {
                            inbox.setFlags(new Flags(Flags.Flag.DELETED), true, old.getUid(), null, false);
                        }
                        inbox.expunge();
                    }
                } catch (FolderException e) {
                    throw new MessagingException("Old mail could not be dropped from the mailbox", e);
                }
            }
            return sink;
        });
    }

    /** Keeps {@code mail} (once: GreenMail hands a message over once per recipient) and drops the oldest past {@link #kept}. */
    private void arrived(Mail mail) {
        synchronized (recent) {
            if (recent.containsKey(mail.id())) {
                return;
            }
            recent.put(mail.id(), mail);
            for (String to : mail.to()) {
                byRecipient.computeIfAbsent(to, k -> new ArrayDeque<>()).addLast(mail);
            }
            while (recent.size() > kept) {
                Mail oldest = recent.remove(recent.keySet().iterator().next());
                for (String to : oldest.to()) {
                    ArrayDeque<Mail> mails = byRecipient.get(to);
                    // Both are in arrival order, so the oldest mail is its recipients' first: no search, no equals.
                    if (mails.peekFirst() == oldest) {
                        mails.pollFirst();
                    } else {
                        mails.removeIf(m -> m == oldest);
                    }
                    if (mails.isEmpty()) {
                        byRecipient.remove(to);
                    }
                }
            }
            recent.notifyAll();
        }
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** One message as the mailbox shows it. */
    public record Mail(String id, List<String> to, String subject, String text, String html, Instant receivedAt) {
    }

    /** The messages to {@code to} (case-insensitive; every message when null), oldest first. */
    public List<Mail> messages(String to) {
        synchronized (recent) {
            if (to == null) {
                return new ArrayList<>(recent.values());
            }
            return new ArrayList<>(byRecipient.getOrDefault(to.strip().toLowerCase(Locale.ROOT), new ArrayDeque<>()));
        }
    }

    /**
     * The messages to {@code to} as {@link #messages}, waiting up to {@code wait} while there are
     * none: a reader that expects a mail asks once instead of polling.
     */
    public List<Mail> messages(String to, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (recent) {
            List<Mail> found = messages(to);
            for (long left = deadline - System.nanoTime(); found.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(recent, left);
                found = messages(to);
            }
            return found;
        }
    }

    /**
     * The JSON list of {@link #messages(String, Duration)}.
     *
     * @param waitSeconds {@code wait=} of the request: absent, or 0 to {@value #MAX_WAIT_SECONDS}
     * @throws IllegalArgumentException with a sentence for the reader when {@code waitSeconds} is not that
     */
    public String messagesJson(String to, String waitSeconds) throws InterruptedException {
        Duration wait = Duration.ZERO;
        if (waitSeconds != null) {
            try {
                wait = Duration.ofSeconds(Integer.parseInt(waitSeconds));
            } catch (NumberFormatException e) {
                wait = Duration.ofSeconds(-1);
            }
            if (wait.isNegative() || wait.getSeconds() > MAX_WAIT_SECONDS) {
                throw new IllegalArgumentException("wait must be a whole number of seconds from 0 to " + MAX_WAIT_SECONDS
                        + ", not: " + waitSeconds);
            }
        }
        return messagesJson(messages(to, wait));
    }

    private static String messagesJson(List<Mail> mails) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Mail mail : mails) {
            ObjectNode m = list.addObject();
            m.put("id", mail.id());
            m.put("to", String.join(", ", mail.to()));
            m.put("subject", mail.subject());
            m.put("text", mail.text());
            m.put("html", mail.html());
            m.put("receivedAt", mail.receivedAt().toString());
        }
        return list.toString();
    }

    static final String STYLE = String.join("\n",
            "body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1f2328}",
            "article{border:1px solid #d0d7de;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}",
            "pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;padding:.5rem}",
            ".meta{color:#57606a;font-size:.9rem}");

    /** The HTML page; every value from a message is escaped. */
    public String page(String to) {
        List<Mail> mails = messages(to);
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"referrer\" content=\"no-referrer\">\n<title>Local mailbox</title>\n<style>" + STYLE
                + "</style>\n</head>\n<body>\n<h1>Local mailbox</h1>\n");
        html.append("<p class=\"meta\">Mail sent by the local backend, newest first: the latest ").append(String.format(Locale.ROOT,
                "%,d", kept)).append(" messages, kept in memory until it stops.</p>\n");
        if (mails.isEmpty()) {
            html.append("<p>No mail yet. Ask the app for a sign-in link.</p>\n");
        }
        for (int i = mails.size() - 1; i >= 0; i--) {
            Mail mail = mails.get(i);
            html.append("<article>\n<h2>").append(Html.escape(mail.subject())).append("</h2>\n");
            html.append("<p class=\"meta\">To ").append(Html.escape(String.join(", ", mail.to())))
                    .append(" at ").append(Html.escape(mail.receivedAt().toString())).append("</p>\n");
            List<String> links = links(mail);
            if (!links.isEmpty()) {
                html.append("<ul>\n");
                for (String link : links) {
                    html.append("<li><a rel=\"noreferrer\" href=\"").append(Html.escape(link)).append("\">")
                            .append(Html.escape(link)).append("</a></li>\n");
                }
                html.append("</ul>\n");
            }
            html.append("<pre>").append(Html.escape(mail.text())).append("</pre>\n</article>\n");
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    public String pageCsp() {
        return "default-src 'none'; style-src '" + LinkPage.cspHash(STYLE)
                + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    List<String> links(Mail mail) {
        Set<String> links = new LinkedHashSet<>();
        for (String body : new String[] {mail.text(), mail.html()}) {
            if (body == null) {
                continue;
            }
            Matcher m = linkPattern.matcher(body);
            while (m.find()) {
                links.add(m.group().replace("&amp;", "&"));
            }
        }
        return new ArrayList<>(links);
    }

    private Mail read(MimeMessage message, Instant received) throws MessagingException, IOException {
        List<String> to = new ArrayList<>();
        Address[] recipients = message.getRecipients(Message.RecipientType.TO);
        if (recipients != null) {
            for (Address a : recipients) {
                to.add(a instanceof InternetAddress ia ? ia.getAddress().toLowerCase(Locale.ROOT) : a.toString());
            }
        }
        String[] texts = new String[2];
        collect(message, texts);
        String id;
        synchronized (recent) {
            id = message.getMessageID() == null ? "arrival-" + (++arrivals) : message.getMessageID().replaceAll("[<>]", "");
        }
        return new Mail(id, to, message.getSubject() == null ? "" : message.getSubject(), texts[0], texts[1], received);
    }

    private static void collect(Part part, String[] texts) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (part.isMimeType("text/plain") && texts[0] == null) {
            texts[0] = content(part);
        } else if (part.isMimeType("text/html") && texts[1] == null) {
            texts[1] = content(part);
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, texts);
            }
        }
    }

    private static String content(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof String s) {
            return s;
        }
        return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
