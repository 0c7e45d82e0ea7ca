package com.example.signin.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.protocol.LinkPage;
import com.example.signin.protocol.OneTimeCode;
import com.example.signin.protocol.Secrets;
import com.example.signin.testsupport.Tools;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link page (one page, {@code protocol}'s {@link LinkPage}, which API Gateway serves too): its
 * headers here, and what it does in a real browser (headless Chromium). This is the page's only
 * browser suite.
 */
@Timeout(300)
class LinkPageTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserHome;
    static LocalBackend backend;
    static Endpoints endpoints;
    static OkHttpClient http;

    @BeforeAll
    static void start() throws Exception {
        backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).port(0).build());
        endpoints = backend.endpoints();
        http = TestClients.http();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void pageIsSelfContainedWithAStrictPolicyAndNoReferrer() throws Exception {
        try (Response response = http.newCall(new Request.Builder().url(endpoints.linkBase() + "/open").build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            String csp = response.header("Content-Security-Policy");
            assertThat(csp).startsWith("default-src 'none';").contains("script-src 'sha256-")
                    .doesNotContain("unsafe-inline").doesNotContain("http");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
            String html = response.body().string();
            assertThat(html).doesNotContain("src=").doesNotContain("<link").doesNotContain("http://").doesNotContain("https://");
        }
    }

    @Test
    void browserTurnsTheFragmentIntoTheAppLinkAndShowsTheOneTimeCode() throws Exception {
        requireChromium();
        for (int i = 0; i < 2; i++) {
            String secret = Secrets.generate(RANDOM);
            String dom = dumpDom(endpoints.linkBase() + "/open#" + secret, "en-US");
            String appLink = "com.example.signin://signin#" + secret;
            assertThat(dom).contains("<a id=\"open\" class=\"button\" href=\"" + appLink + "\">");
            assertThat(dom).contains("<input id=\"link\" readonly=\"\" aria-label=\"Sign-in link\" value=\"" + appLink + "\">");
            assertThat(dom).contains("<div id=\"valid\">").contains("<div id=\"invalid\" hidden=\"\">");
            // The code WebCrypto computed in the page is exactly the protocol's.
            assertThat(dom).contains("<div id=\"other-device\">")
                    .contains("<p id=\"code\" class=\"code\">" + OneTimeCode.grouped(OneTimeCode.derive(secret)) + "</p>")
                    .contains("<p data-lang=\"en\">Opened this on another device? Type this code into the app on your computer:</p>")
                    .contains("<html lang=\"en\">");
        }
    }

    @Test
    void aGermanBrowserGetsTheGermanPageWithTheSameCode() throws Exception {
        requireChromium();
        String secret = Secrets.generate(RANDOM);
        String dom = dumpDom(endpoints.linkBase() + "/open#" + secret, "de-DE");
        assertThat(dom).contains("<html lang=\"de\">")
                .contains("<p data-lang=\"de\">Auf einem anderen Ger\u00e4t ge\u00f6ffnet? Geben Sie diesen Code in die App auf Ihrem Computer ein:</p>")
                .contains("<p data-lang=\"en\" hidden=\"\">Opened this on another device?")
                .contains("<p id=\"code\" class=\"code\">" + OneTimeCode.grouped(OneTimeCode.derive(secret)) + "</p>");
    }

    @Test
    void theSecretLeavesTheAddressBarAndAnInjectedScriptIsBlockedByThePolicy() throws Exception {
        requireChromium();
        // The page as the backend serves it, plus two scripts after its own: a probe whose hash the
        // test adds to the policy, and one the policy does not know (as an injection would be).
        LinkPage page = new LinkPage("com.example.signin");
        String probe = "document.body.setAttribute('data-url', window.location.href);";
        String policy = page.contentSecurityPolicy();
        String instrumented = page.html()
                .replace(policy, policy.replace("script-src '", "script-src '" + LinkPage.cspHash(probe) + "' '"))
                .replace("</body>", "<script>" + probe + "</script><script>document.body.setAttribute('data-injected', 'yes');</script></body>");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/open", exchange -> {
            byte[] bytes = instrumented.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            String secret = Secrets.generate(RANDOM);
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/open";
            String dom = dumpDom(url + "#" + secret, "en-US");
            // The address right after the page's script: without the fragment (the closing quote follows the path).
            assertThat(dom).contains("<body data-url=\"" + url + "\">").doesNotContain("data-injected=\"yes\"");
            assertThat(dom).contains("<div id=\"valid\">");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void browserRefusesAMalformedFragmentWithoutAButton() throws Exception {
        requireChromium();
        // 43 characters, but the last one carries bits that no 32-byte secret has.
        String almost = Secrets.generate(RANDOM).substring(0, 42) + "B";
        for (String fragment : List.of("", "#short", "#" + almost, "#<img src=x onerror=alert(1)>")) {
            String dom = dumpDom(endpoints.linkBase() + "/open" + fragment, "en-US");
            assertThat(dom).as(fragment).contains("<div id=\"invalid\">").contains("<div id=\"valid\" hidden=\"\">")
                    .contains("href=\"com.example.signin://signin\"").doesNotContain("signin#")
                    .contains("<p id=\"code\" class=\"code\"></p>");
        }
    }

    @Test
    void mailboxPageInTheBrowserLinksToTheLinkPage() throws Exception {
        requireChromium();
        SignInDriver app = new SignInDriver(backend, http, null);
        assertThat(app.requestLink("mailbox@example.com", Secrets.generate(RANDOM))).isEqualTo(202);
        String secret = app.latestSecret("mailbox@example.com");

        String dom = dumpDom(endpoints.mailboxUrl(), "en-US");
        assertThat(dom).contains("mailbox@example.com")
                .contains("<a rel=\"noreferrer\" href=\"" + endpoints.linkBase() + "/open#" + secret + "\">");
    }

    /** Chromium from the PATH; a missing one aborts the test (fails it under CI=true). */
    private static Path requireChromium() {
        return Tools.require("chromium", "chromium");
    }

    /** The DOM after the page's script ran, in a browser whose language is {@code language}. */
    private static String dumpDom(String url, String language) throws Exception {
        Path profile = Files.createTempDirectory(browserHome, "profile");
        Path out = Files.createTempFile(browserHome, "dom", ".html");
        Process chromium = new ProcessBuilder(requireChromium().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--lang=" + language, "--accept-lang=" + language, "--dump-dom", url)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 120 s");
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
