package com.example.signin.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one page behind {@code {linkBase}/open}, served by the local backend and by API Gateway
 * alike: a template ({@code link-page.html}, {@code link-page.js}, {@code link-page.css} beside
 * this class) filled in with the scheme and the protocol's own constants. Its script removes
 * {@code #secret} from the address bar, checks the secret's canonical form
 * ({@link Secrets#isWellFormed}), offers {@code {scheme}://signin#secret} as a button (also
 * followed once the page has loaded) and as text to copy, and shows the one-time code
 * ({@link OneTimeCode#derive}, computed with WebCrypto) for a person who opened the mail on
 * another device. English or German, by the browser's language. No external resource; the
 * Content-Security-Policy allows only this script and this style, by hash.
 *
 * <p>The page holds no {@code $}, {@code #} or backslash, so API Gateway's Velocity response
 * template passes it through unchanged.
 */
public final class LinkPage {

    private static final String TEMPLATE = resource("link-page.html");
    private static final String STYLE = resource("link-page.css").strip();
    private static final String SCRIPT_TEMPLATE = resource("link-page.js").strip();

    private final String script;
    private final String html;

    /**
     * @param scheme the app's URL scheme
     * @throws IllegalArgumentException when the scheme is not one {@link MagicLinkFormat} accepts
     */
    public LinkPage(String scheme) {
        String checked = new MagicLinkFormat(Objects.requireNonNull(scheme, "scheme"), null).scheme();
        this.script = SCRIPT_TEMPLATE
                .replace("@SECRET_LAST@", canonicalLastCharacters())
                .replace("@SECRET_LENGTH@", Integer.toString(Secrets.LENGTH))
                .replace("@CODE_ALPHABET@", OneTimeCode.ALPHABET)
                .replace("@CODE_PREFIX@", OneTimeCode.DERIVATION_PREFIX)
                .replace("@CODE_LENGTH@", Integer.toString(OneTimeCode.LENGTH))
                .replace("@CODE_GROUP@", Integer.toString(OneTimeCode.GROUP))
                .replace("@SCHEME@", checked)
                .replace("@APP_HOST@", MagicLinkFormat.APP_HOST);
        this.html = TEMPLATE
                .replace("@CSP@", contentSecurityPolicy())
                .replace("@STYLE@", STYLE)
                .replace("@SCRIPT@", script)
                .replace("@SCHEME@", checked)
                .replace("@APP_HOST@", MagicLinkFormat.APP_HOST);
    }

    /** The page. */
    public String html() {
        return html;
    }

    /** The page as UTF-8 bytes. */
    public byte[] body() {
        return html.getBytes(StandardCharsets.UTF_8);
    }

    /** The page's script, as it runs. */
    public String script() {
        return script;
    }

    /** The page's style sheet. */
    public String style() {
        return STYLE;
    }

    /**
     * The policy: nothing but this script and this style, no frames, forms or base. It is in the
     * page as a meta element too, for a server that cannot set it as a header (API Gateway's mock
     * integration cannot, since header values there are quoted with {@code '}).
     */
    public String contentSecurityPolicy() {
        return "default-src 'none'; script-src '" + cspHash(script) + "'; style-src '" + cspHash(STYLE)
                + "'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /** The response headers a server sends with the page (each server adds its transport's own, such as HSTS). */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("Content-Security-Policy", contentSecurityPolicy());
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        return headers;
    }

    /** A CSP source expression ({@code sha256-...}) for an inline script or style. */
    public static String cspHash(String text) {
        return "sha256-" + Base64.getEncoder().encodeToString(Sha256.digest(text));
    }

    /** The characters a canonical secret can end with: its last character carries 4 bits, the low 2 are 0. */
    static String canonicalLastCharacters() {
        StringBuilder last = new StringBuilder();
        for (int i = 0; i < Secrets.BASE64URL.length(); i += 4) {
            last.append(Secrets.BASE64URL.charAt(i));
        }
        return last.toString();
    }

    private static String resource(String name) {
        try (InputStream in = LinkPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The link page resource " + name + " is missing from the protocol jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
