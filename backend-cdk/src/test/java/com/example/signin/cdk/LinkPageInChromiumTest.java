package com.example.signin.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.testsupport.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link page in headless Chromium (Debian package {@code chromium}, installed by
 * {@code .ci/setup.d/chromium.sh}), under its own Content-Security-Policy: the hashed script
 * runs, anything else inline does not. Without Chromium on the machine these tests skip (fail under CI=true).
 */
class LinkPageInChromiumTest {

    static final String SECRET = "q9F8hR2kLm0pZx7vBn3cYt5uWe1aSd4gHj6kLo8iUy0";
    static final String SCHEME = "com.example.signin.test";
    static Path chromium;

    @BeforeAll
    static void findChromium() {
        chromium = Tools.require("chromium", "chromium");
    }

    @Test
    void aGoodLinkShowsTheButtonToTheAppLink(@TempDir Path dir) throws Exception {
        String dom = render(dir, new LinkPage(SCHEME).html(), "#" + SECRET);
        assertThat(dom).contains("<div id=\"ok\">").contains("<div id=\"bad\" hidden=\"\">");
        assertThat(dom).contains("id=\"open\" class=\"button\" href=\"" + SCHEME + "://signin#" + SECRET + "\"");
    }

    @Test
    void aDamagedLinkIsExplainedAndAnInjectedScriptIsBlockedByThePolicy(@TempDir Path dir) throws Exception {
        String page = new LinkPage(SCHEME).html()
                .replace("</body>", "<script>document.body.setAttribute('data-injected', 'yes');</script>\n</body>");
        String dom = render(dir, page, "#" + SECRET.substring(3));
        assertThat(dom).as("the page's own, hashed script ran").contains("<div id=\"bad\">").contains("<div id=\"ok\" hidden=\"\">");
        assertThat(dom).as("the policy blocked the unhashed script").contains("<body>").doesNotContain("<body data-injected");
    }

    /** Loads the page from a file with the fragment and returns the DOM after its script ran. */
    private static String render(Path dir, String html, String fragment) throws Exception {
        Path page = dir.resolve("open.html");
        Files.writeString(page, html);
        Path out = dir.resolve("dom.html");
        Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")),
                // A good link navigates to the app's scheme, which headless Chromium never finishes: stop it, then dump.
                "--timeout=10000",
                "--dump-dom", page.toUri() + fragment)
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
