package com.example.signin.local.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The page a mailed link opens: {@code {linkBase}/open#secret}. Its script reads the fragment
 * (which never reaches this server), checks that it is a 43-character base64url secret, and
 * forwards it to {@code {scheme}://signin#secret}, with a button and the link to copy as a
 * fallback. Self-contained: no external resource, and a CSP that allows only its own script and
 * style by hash.
 */
public final class LinkPage {

    static final String STYLE = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1f2328;line-height:1.5}",
            "h1{font-size:1.4rem}",
            ".button{display:inline-block;background:#0969da;color:#fff;padding:.6rem 1.2rem;border-radius:6px;text-decoration:none;font-weight:600}",
            "code{display:block;word-break:break-all;background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:.6rem;margin:.5rem 0;user-select:all}",
            ".error{color:#cf222e}",
            "[hidden]{display:none}");

    // Checks the secret exactly as Secrets.isWellFormed does: 43 base64url characters that are
    // the canonical spelling of 32 bytes (the last character carries 4 bits, so its low 2 bits are 0).
    static final String SCRIPT = String.join("\n",
            "(function () {",
            "  'use strict';",
            "  var scheme = document.body.getAttribute('data-scheme');",
            "  var secret = location.hash.length > 1 ? location.hash.substring(1) : '';",
            "  var wellFormed = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/.test(secret);",
            "  if (!wellFormed) {",
            "    document.getElementById('invalid').hidden = false;",
            "    return;",
            "  }",
            "  var appLink = scheme + '://signin#' + secret;",
            "  var button = document.getElementById('open');",
            "  button.href = appLink;",
            "  document.getElementById('copy').textContent = appLink;",
            "  document.getElementById('valid').hidden = false;",
            "  // After the page has loaded, so that it stays usable if the browser asks before opening the app.",
            "  window.addEventListener('load', function () {",
            "    window.setTimeout(function () { window.location.href = appLink; }, 250);",
            "  });",
            "})();");

    private final String html;
    private final String csp;

    public LinkPage(String scheme) {
        this.html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"referrer\" content=\"no-referrer\">\n"
                + "<title>Sign in</title>\n<style>" + STYLE + "</style>\n</head>\n"
                + "<body data-scheme=\"" + Html.escape(scheme) + "\">\n"
                + "<h1>Sign in to the app</h1>\n"
                + "<noscript><p class=\"error\">This page needs JavaScript to hand the link to the app. "
                + "Copy the link from the email and paste it into the app instead.</p></noscript>\n"
                + "<div id=\"valid\" hidden>\n"
                + "<p>The app should open now and sign you in. If it does not, press the button.</p>\n"
                + "<p><a id=\"open\" class=\"button\" href=\"#\">Open the app</a></p>\n"
                + "<p>Or copy this link and paste it into the app's sign-in screen:</p>\n"
                + "<code id=\"copy\"></code>\n"
                + "</div>\n"
                + "<div id=\"invalid\" hidden>\n"
                + "<p class=\"error\">This sign-in link is incomplete or damaged.</p>\n"
                + "<p>Open the whole link from the email again, or ask the app for a new one.</p>\n"
                + "</div>\n"
                + "<script>" + SCRIPT + "</script>\n"
                + "</body>\n</html>\n";
        this.csp = "default-src 'none'; script-src '" + sha256(SCRIPT) + "'; style-src '" + sha256(STYLE)
                + "'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    public byte[] body() {
        return html.getBytes(StandardCharsets.UTF_8);
    }

    /** The response headers of the page. */
    public Map<String, String> headers() {
        return Map.of(
                "Content-Type", "text/html; charset=utf-8",
                "Content-Security-Policy", csp,
                "Referrer-Policy", "no-referrer",
                "Cache-Control", "no-store",
                "X-Content-Type-Options", "nosniff",
                "X-Frame-Options", "DENY");
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
