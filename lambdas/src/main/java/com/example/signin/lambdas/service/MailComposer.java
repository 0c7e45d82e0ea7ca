package com.example.signin.lambdas.service;

import com.example.signin.protocol.Html;
import com.example.signin.protocol.OneTimeCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the sign-in email from the templates {@code mail/magic-link.html} and
 * {@code mail/magic-link.txt} and the texts of the {@code mail/messages} resource bundle in the
 * request's locale (English when there is no bundle for it). Every value that goes into the HTML
 * part is HTML-escaped, the texts of the bundle included.
 */
public final class MailComposer {

    private static final String BASE = "com/example/signin/lambdas/mail/";
    private static final String BUNDLE = "com.example.signin.lambdas.mail.messages";
    private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z]+)}}");

    private final String htmlTemplate = resource("magic-link.html");
    private final String textTemplate = resource("magic-link.txt");
    private final Map<Locale, ResourceBundle> bundles = new ConcurrentHashMap<>();

    /**
     * @param recipient the address the mail goes to (shown in the text, escaped in HTML)
     * @param link      the sign-in link
     * @param code      the link's one-time code in canonical form ({@link OneTimeCode}); the mail shows it grouped
     * @param validFor  how long the link works
     * @param language  a BCP 47 tag such as {@code en} or {@code de-CH}; anything unknown means English
     */
    public MailMessage compose(String recipient, String link, String code, Duration validFor, String language) {
        ResourceBundle texts = bundleFor(language);
        String minutes = Long.toString(Math.max(1, validFor.toMinutes()));
        Map<String, String> values = Map.ofEntries(
                Map.entry("code", OneTimeCode.grouped(code)),
                Map.entry("codeintro", texts.getString("codeintro")),
                Map.entry("lang", texts.getLocale().toLanguageTag()),
                Map.entry("subject", texts.getString("subject")),
                Map.entry("heading", texts.getString("heading")),
                Map.entry("intro", texts.getString("intro").replace("{email}", recipient)),
                Map.entry("action", texts.getString("action")),
                Map.entry("expiry", texts.getString("expiry").replace("{minutes}", minutes)),
                Map.entry("fallback", texts.getString("fallback")),
                Map.entry("ignore", texts.getString("ignore")),
                Map.entry("link", link));
        return new MailMessage(recipient, texts.getString("subject"),
                fill(htmlTemplate, values, true), fill(textTemplate, values, false));
    }

    ResourceBundle bundleFor(String language) {
        Locale locale = Locale.ENGLISH;
        if (language != null && !language.isBlank()) {
            try {
                locale = new Locale.Builder().setLanguageTag(language.strip()).build();
            } catch (IllformedLocaleException e) {
                locale = Locale.ENGLISH;
            }
        }
        return bundles.computeIfAbsent(locale, MailComposer::load);
    }

    private static ResourceBundle load(Locale locale) {
        try {
            return ResourceBundle.getBundle(BUNDLE, locale, MailComposer.class.getClassLoader(), NO_DEFAULT_LOCALE);
        } catch (MissingResourceException e) {
            return ResourceBundle.getBundle(BUNDLE, Locale.ENGLISH, MailComposer.class.getClassLoader(), NO_DEFAULT_LOCALE);
        }
    }

    private static String fill(String template, Map<String, String> values, boolean html) {
        // one pass, so a value that itself contains "{{...}}" (an address may) is never expanded
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 512);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("Mail template has an unknown placeholder " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(html ? Html.escape(value) : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = MailComposer.class.getClassLoader().getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("Mail template " + BASE + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read mail template " + BASE + name, e);
        }
    }
}
