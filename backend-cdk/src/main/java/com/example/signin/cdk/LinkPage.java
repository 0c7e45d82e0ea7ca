package com.example.signin.cdk;

import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The page behind {@code {linkBase}/open}: self-contained HTML whose script reads the secret
 * from the fragment (which never reaches a server), removes it from the address bar, and offers
 * the app link {@code {scheme}://signin#secret} as a button (also followed at once) and as text
 * to copy. A malformed fragment gets a sentence instead. The Content-Security-Policy allows
 * nothing but this one script and this one style, by hash.
 *
 * <p>API Gateway serves the page from a mock integration, whose response template is Velocity:
 * the page therefore contains no {@code $}, {@code #} or backslash, so Velocity passes it through
 * unchanged (the {@code #} of the app link is built with {@code String.fromCharCode(35)}).
 */
public final class LinkPage {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;"
            + "color:rgb(30,30,30);line-height:1.5}"
            + ".button{display:inline-block;padding:.6rem 1.2rem;border-radius:.4rem;background:rgb(20,90,200);color:white;"
            + "text-decoration:none;font-weight:600}"
            + "input{width:100%;font-family:monospace;padding:.3rem;box-sizing:border-box}"
            + "button{margin-top:.4rem}";

    private static final String SCRIPT_TEMPLATE = "(function () {"
            + "'use strict';"
            + "var secret = window.location.hash.slice(1);"
            + "window.history.replaceState(null, '', window.location.pathname);"
            + "if (secret.length !== SECRET_LENGTH || /[^A-Za-z0-9_-]/.test(secret)) {"
            + "document.getElementById('bad').hidden = false;"
            + "return;"
            + "}"
            + "var link = 'SCHEME://APP_HOST' + String.fromCharCode(35) + secret;"
            + "var field = document.getElementById('link');"
            + "var copy = document.getElementById('copy');"
            + "document.getElementById('open').href = link;"
            + "field.value = link;"
            + "field.addEventListener('focus', function () { field.select(); });"
            + "copy.addEventListener('click', function () {"
            + "field.select();"
            + "if (navigator.clipboard) {"
            + "navigator.clipboard.writeText(link).then(function () { copy.textContent = 'Copied'; });"
            + "}"
            + "});"
            + "document.getElementById('ok').hidden = false;"
            + "window.location.href = link;"
            + "}());";

    private final String scheme;
    private final String script;

    /** @param scheme the app's URL scheme; validated as {@link MagicLinkFormat} does */
    public LinkPage(String scheme) {
        this.scheme = new MagicLinkFormat(scheme, null).scheme();
        this.script = SCRIPT_TEMPLATE
                .replace("SECRET_LENGTH", Integer.toString(Secrets.LENGTH))
                .replace("SCHEME", this.scheme)
                .replace("APP_HOST", MagicLinkFormat.APP_HOST);
    }

    /** The policy, also set as a meta element of the page. */
    public String contentSecurityPolicy() {
        return "default-src 'none'; script-src '" + sha256(script) + "'; style-src '" + sha256(STYLE)
                + "'; base-uri 'none'; form-action 'none'";
    }

    public String script() {
        return script;
    }

    public String html() {
        return "<!doctype html>\n"
                + "<html lang=\"en\">\n"
                + "<head>\n"
                + "<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + contentSecurityPolicy() + "\">\n"
                + "<meta name=\"referrer\" content=\"no-referrer\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>Sign in</title>\n"
                + "<style>" + STYLE + "</style>\n"
                + "</head>\n"
                + "<body>\n"
                + "<main>\n"
                + "<h1>Sign in</h1>\n"
                + "<div id=\"ok\" hidden>\n"
                + "<p>Your sign-in link is ready. If the app did not open by itself, press the button.</p>\n"
                + "<p><a id=\"open\" class=\"button\" href=\"" + scheme + "://" + MagicLinkFormat.APP_HOST + "\">Open the app</a></p>\n"
                + "<p>Or copy this link and paste it into the app:</p>\n"
                + "<p><input id=\"link\" readonly aria-label=\"Sign-in link\"><br><button id=\"copy\" type=\"button\">Copy</button></p>\n"
                + "</div>\n"
                + "<div id=\"bad\" hidden>\n"
                + "<p>This link is incomplete or damaged. Click the link in your newest sign-in email again, "
                + "or ask the app for a new one.</p>\n"
                + "</div>\n"
                + "<noscript><p>This page needs JavaScript to hand the link to the app.</p></noscript>\n"
                + "</main>\n"
                + "<script>" + script + "</script>\n"
                + "</body>\n"
                + "</html>\n";
    }

    /** A CSP source expression for {@code text}. */
    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
