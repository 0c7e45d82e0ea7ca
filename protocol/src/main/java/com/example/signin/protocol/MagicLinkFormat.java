package com.example.signin.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds and strictly parses the two forms of a sign-in link for one deployment:
 * <ul>
 *   <li>the app link {@code {scheme}://signin#{secret}}, which the OS hands to the app;</li>
 *   <li>the page link {@code {linkBase}/open#{secret}}, which the email carries and whose page
 *       forwards the fragment to the app link (and which a person may paste into the app).</li>
 * </ul>
 * The secret always travels in the fragment, so it never reaches a server log or a Referer.
 * Every incoming link is untrusted: the parser accepts exactly these shapes, nothing more.
 */
public final class MagicLinkFormat {

    /** Host of the app link. */
    public static final String APP_HOST = "signin";
    /** Path of the link page below the link base. */
    public static final String PAGE_PATH = "/open";
    /** Longest input the parser looks at; a real link is well under 200 characters. */
    public static final int MAX_LINK_LENGTH = 2048;

    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");
    // scheme "://" authority path "#" fragment; no query. The parts are compared after the match.
    // What may stand around a link in a text (plain or HTML mail); none of it is allowed inside one.
    private static final Pattern LINK_SEPARATORS = Pattern.compile("[\\s\"'<>()]+");
    private static final Pattern LINK = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)#(.*)");

    private final String scheme;
    private final String linkBase;
    private final String pageScheme;
    private final String pageAuthority;
    private final String pagePath;

    /**
     * @param scheme   the app's URL scheme, reverse-DNS, e.g. {@code com.example.signin}
     * @param linkBase the https (or loopback http) base the link page lives under, without the
     *                 trailing slash; {@code null} when only app links are in use
     * @throws IllegalArgumentException if either is malformed
     */
    public MagicLinkFormat(String scheme, String linkBase) {
        Objects.requireNonNull(scheme, "scheme");
        String lowerScheme = scheme.toLowerCase(Locale.ROOT);
        if (!SCHEME.matcher(lowerScheme).matches() || !lowerScheme.contains(".")) {
            throw new IllegalArgumentException("The URL scheme must be reverse-DNS like com.example.signin, not: " + scheme);
        }
        this.scheme = lowerScheme;
        if (linkBase == null) {
            this.linkBase = null;
            this.pageScheme = null;
            this.pageAuthority = null;
            this.pagePath = null;
            return;
        }
        String base = linkBase.endsWith("/") ? linkBase.substring(0, linkBase.length() - 1) : linkBase;
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The link base is not a URL: " + linkBase, e);
        }
        String baseScheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!isHttpsOrLoopbackHttp(uri)
                || uri.getRawAuthority() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "The link base must be an https URL (http only on loopback) without query or fragment, not: " + linkBase);
        }
        this.linkBase = base;
        this.pageScheme = baseScheme;
        this.pageAuthority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
        this.pagePath = uri.getRawPath() == null ? "" : uri.getRawPath();
    }

    /**
     * The one rule for every URL the client talks to or opens: https, or http only on the loopback
     * interface ({@code 127.0.0.1}, {@code localhost}, {@code [::1]}), where the local backend runs.
     */
    public static boolean isHttpsOrLoopbackHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equalsIgnoreCase(uri.getHost())
                || "[::1]".equals(uri.getHost());
        return uri.getHost() != null && (scheme.equals("https") || (scheme.equals("http") && loopback));
    }

    public String scheme() {
        return scheme;
    }

    /** The link base without trailing slash, or {@code null} when only app links are in use. */
    public String linkBase() {
        return linkBase;
    }

    /** {@code {scheme}://signin#{secret}}. */
    public String appLink(String secret) {
        return scheme + "://" + APP_HOST + "#" + requireSecret(secret);
    }

    /** {@code {linkBase}/open#{secret}}. */
    public String pageLink(String secret) {
        if (linkBase == null) {
            throw new IllegalStateException("No link base is configured, so only app links can be built");
        }
        return linkBase + PAGE_PATH + "#" + requireSecret(secret);
    }

    /**
     * Parses an app link or a page link of this deployment and returns its secret.
     * Surrounding whitespace (from a paste) is ignored; everything else must match exactly:
     * scheme and host (case-insensitive, as URLs define them), no user info, port, query or extra
     * path, and a fragment that is a well-formed secret.
     *
     * @throws MalformedLinkException for anything else; never any other exception
     */
    public String parseSecret(String input) {
        if (input == null) {
            throw new MalformedLinkException(MalformedLinkException.Reason.EMPTY);
        }
        if (input.length() > MAX_LINK_LENGTH) {
            throw new MalformedLinkException(MalformedLinkException.Reason.TOO_LONG);
        }
        String link = input.strip();
        if (link.isEmpty()) {
            throw new MalformedLinkException(MalformedLinkException.Reason.EMPTY);
        }
        for (int i = 0; i < link.length(); i++) {
            char c = link.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new MalformedLinkException(MalformedLinkException.Reason.NOT_A_SIGN_IN_LINK);
            }
        }
        Matcher m = LINK.matcher(link);
        if (!m.matches()) {
            throw new MalformedLinkException(MalformedLinkException.Reason.NOT_A_SIGN_IN_LINK);
        }
        String linkScheme = m.group(1).toLowerCase(Locale.ROOT);
        String authority = m.group(2).toLowerCase(Locale.ROOT);
        String path = m.group(3);
        boolean isAppLink = linkScheme.equals(scheme) && authority.equals(APP_HOST)
                && (path.isEmpty() || path.equals("/"));
        boolean isPageLink = !isAppLink && isPageLink(linkScheme, authority, path);
        if (!isAppLink && !isPageLink) {
            throw new MalformedLinkException(MalformedLinkException.Reason.NOT_A_SIGN_IN_LINK);
        }
        String secret = m.group(4);
        if (!Secrets.isWellFormed(secret)) {
            throw new MalformedLinkException(MalformedLinkException.Reason.DAMAGED);
        }
        return secret;
    }

    /**
     * The secret of the first link of this deployment in a text such as a mail body, where links
     * stand between white space, quotes or angle brackets; empty if there is none. The same strict
     * parse as {@link #parseSecret}: a damaged or foreign link is passed over.
     */
    public Optional<String> findSecret(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (String candidate : LINK_SEPARATORS.split(text)) {
            if (candidate.contains("#")) {
                try {
                    return Optional.of(parseSecret(candidate));
                } catch (MalformedLinkException notThisOne) {
                    // another word of the text
                }
            }
        }
        return Optional.empty();
    }

    private boolean isPageLink(String linkScheme, String authority, String path) {
        if (linkBase == null || !linkScheme.equals(pageScheme) || !authority.equals(pageAuthority)) {
            return false;
        }
        String expected = pagePath + PAGE_PATH;
        return path.equals(expected) || path.equals(expected + "/");
    }

    private static String requireSecret(String secret) {
        if (!Secrets.isWellFormed(secret)) {
            throw new IllegalArgumentException("A link secret must be " + Secrets.LENGTH + " base64url characters");
        }
        return secret;
    }
}
