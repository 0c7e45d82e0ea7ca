package com.example.signin.lambdas.service;

import java.util.Objects;

/**
 * One composed email. The two header values are checked here, once for every adapter: no
 * control character (so no CR/LF header injection) can reach a header.
 *
 * @param to      the validated, normalised recipient address
 * @param subject fixed text from the resource bundle
 * @param html    the HTML part, every interpolated value escaped
 * @param text    the plain-text part
 */
public record MailMessage(String to, String subject, String html, String text) {

    public MailMessage {
        requireHeaderSafe("to", to);
        requireHeaderSafe("subject", subject);
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
    }

    static void requireHeaderSafe(String name, String value) {
        Objects.requireNonNull(value, name);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("A mail " + name + " must not contain control characters such as line breaks");
            }
        }
    }
}
