package com.example.signin.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link page: what Velocity would do to it, its CSP, and its script run in Node against a minimal DOM. */
class LinkPageTest {

    static final String SECRET = "q9F8hR2kLm0pZx7vBn3cYt5uWe1aSd4gHj6kLo8iUy0";
    final LinkPage page = new LinkPage("com.example.signin.test");

    @Test
    void pageHasNoCharacterVelocityWouldInterpret() {
        assertThat(page.html()).doesNotContain("$").doesNotContain("#").doesNotContain("\\");
    }

    @Test
    void policyAllowsExactlyTheInlineScriptAndStyleAndNothingElse() {
        String html = page.html();
        String script = between(html, "<script>", "</script>");
        String style = between(html, "<style>", "</style>");
        assertThat(page.contentSecurityPolicy())
                .startsWith("default-src 'none';")
                .contains("script-src '" + LinkPage.sha256(script) + "'")
                .contains("style-src '" + LinkPage.sha256(style) + "'")
                .contains("base-uri 'none'")
                .contains("form-action 'none'")
                .doesNotContain("unsafe");
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"" + page.contentSecurityPolicy() + "\">");
        assertThat(html.indexOf("Content-Security-Policy")).isLessThan(html.indexOf("<script>"));
    }

    @Test
    void aWellFormedFragmentBecomesTheAppLinkAndLeavesTheAddressBar(@TempDir Path dir) throws Exception {
        JsonNode result = runScript(dir, "#" + SECRET);
        String appLink = "com.example.signin.test://signin#" + SECRET;
        assertThat(result.get("okShown").asBoolean()).isTrue();
        assertThat(result.get("badShown").asBoolean()).isFalse();
        assertThat(result.get("button").asText()).isEqualTo(appLink);
        assertThat(result.get("copyField").asText()).isEqualTo(appLink);
        assertThat(result.get("navigatedTo").asText()).isEqualTo(appLink);
        assertThat(result.get("addressBar").asText()).isEqualTo("/prod/open");
    }

    @Test
    void aMalformedFragmentIsRefusedWithoutOpeningTheApp(@TempDir Path dir) throws Exception {
        for (String fragment : List.of("", "#", "#" + SECRET.substring(1), "#" + SECRET + "A", "#" + SECRET.substring(1) + "%",
                "#" + SECRET.substring(2) + "\"x")) {
            JsonNode result = runScript(dir, fragment);
            assertThat(result.get("badShown").asBoolean()).as(fragment).isTrue();
            assertThat(result.get("okShown").asBoolean()).as(fragment).isFalse();
            assertThat(result.get("navigatedTo").asText()).as(fragment).isEqualTo("https://example.com/prod/open" + fragment);
            assertThat(result.get("addressBar").asText()).as("the fragment is dropped even when bad").isEqualTo("/prod/open");
        }
    }

    @Test
    void aSchemeThatIsNotReverseDnsIsRefused() {
        assertThatThrownBy(() -> new LinkPage("myapp")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reverse-DNS");
    }

    private static String between(String text, String open, String close) {
        int start = text.indexOf(open) + open.length();
        return text.substring(start, text.indexOf(close, start));
    }

    /** Runs the page's script in Node (on every machine that runs the CDK) with just the DOM it touches. */
    private JsonNode runScript(Path dir, String fragment) throws Exception {
        Path script = dir.resolve("page.js");
        Files.writeString(script, page.script());
        Path harness = dir.resolve("harness.js");
        Files.writeString(harness, """
                const fs = require('fs'), vm = require('vm');
                const [scriptFile, hash] = process.argv.slice(2);
                const els = {};
                const el = id => els[id] || (els[id] = {hidden: true, href: '', value: '', textContent: '',
                    addEventListener() {}, select() {}});
                ['ok', 'bad', 'open', 'link', 'copy'].forEach(el);
                const location = {hash: hash, pathname: '/prod/open', href: 'https://example.com/prod/open' + hash};
                let addressBar = location.pathname + hash;
                const window = {location, history: {replaceState(state, title, url) { addressBar = url; }}};
                vm.runInNewContext(fs.readFileSync(scriptFile, 'utf8'),
                    {window, document: {getElementById: el}, navigator: {}, String});
                console.log(JSON.stringify({okShown: !els.ok.hidden, badShown: !els.bad.hidden, button: els.open.href,
                    copyField: els.link.value, navigatedTo: location.href, addressBar}));
                """);
        Process process = new ProcessBuilder("node", harness.toString(), script.toString(), fragment)
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return new ObjectMapper().readTree(output);
    }
}
