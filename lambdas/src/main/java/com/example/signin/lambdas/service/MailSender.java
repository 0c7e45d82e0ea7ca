package com.example.signin.lambdas.service;

import com.example.signin.protocol.EmailAddress;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The From of every sign-in email: a verified sender address and a display name.
 *
 * @param address the sender address (for SES, a verified identity)
 * @param name    the display name, at most 64 characters, no control characters
 */
public record MailSender(String address, String name) {

    public MailSender {
        address = EmailAddress.parse(address).value();
        name = name == null ? "" : name.strip();
        if (name.length() > 64) {
            throw new IllegalArgumentException("The sender name must be at most 64 characters");
        }
        MailMessage.requireHeaderSafe("sender name", name);
    }

    /**
     * {@code Name <address>} for a From header: the name quoted when it is plain ASCII, RFC 2047
     * encoded otherwise.
     */
    public String headerValue() {
        if (name.isEmpty()) {
            return address;
        }
        boolean plainAscii = name.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        String displayName = plainAscii
                ? "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8)) + "?=";
        return displayName + " <" + address + ">";
    }
}
