package com.example.signin.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The page's text; what it does in a browser is tested in Chromium by the local backend's {@code LinkPageTest}. */
class LinkPageTest {

    private final LinkPage page = new LinkPage("com.example.signin.test");

    @Test
    void everyPlaceholderIsFilledInFromTheProtocolsConstants() {
        assertThat(page.html()).doesNotContain("@");
        assertThat(page.script()).contains("'" + OneTimeCode.ALPHABET + "'").contains("'magic-link-code:' + secret")
                .contains("value.length !== 43").contains("i < 8").contains("i === 4 - 1")
                .contains("'com.example.signin.test://signin' + String.fromCharCode(35) + secret");
        assertThat(page.html()).contains("<script>" + page.script() + "</script>").contains("<style>" + page.style() + "</style>")
                .contains("href=\"com.example.signin.test://signin\"");
    }

    @Test
    void theLastCharacterCheckAcceptsExactlyTheCanonicalSpellings() {
        assertThat(LinkPage.canonicalLastCharacters()).isEqualTo("AEIMQUYcgkosw048");
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            String secret = Secrets.generate(random);
            assertThat(LinkPage.canonicalLastCharacters()).contains(secret.substring(42));
        }
        assertThat(page.script()).contains("'AEIMQUYcgkosw048'");
    }

    @Test
    void thePolicyAllowsOnlyThePagesOwnScriptAndStyleByHash() {
        String csp = page.contentSecurityPolicy();
        assertThat(csp).isEqualTo("default-src 'none'; script-src '" + LinkPage.cspHash(page.script()) + "'; style-src '"
                + LinkPage.cspHash(page.style()) + "'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        assertThat(page.html()).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">");
        assertThat(page.headers()).containsEntry("Content-Security-Policy", csp)
                .containsEntry("Content-Type", "text/html; charset=utf-8").containsEntry("Referrer-Policy", "no-referrer")
                .containsEntry("Cache-Control", "no-store").containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("X-Frame-Options", "DENY").hasSize(6);
        assertThat(LinkPage.cspHash("a")).isEqualTo("sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs=");
    }

    @Test
    void thePageIsSelfContainedAndSafeForAVelocityTemplate() {
        assertThat(page.html()).doesNotContain("$").doesNotContain("#").doesNotContain("\\")
                .doesNotContain("src=").doesNotContain("<link").doesNotContain("http://").doesNotContain("https://");
        assertThat(page.body()).isEqualTo(page.html().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void itSpeaksEnglishAndGermanWithTheOtherDeviceSentence() {
        assertThat(page.html()).contains("Type this code into the app on your computer")
                .contains("Geben Sie diesen Code in die App auf Ihrem Computer ein")
                .contains("data-lang=\"en\"").contains("data-lang=\"de\" hidden");
    }

    @Test
    void aSchemeTheLinkFormatRefusesIsRefusedHereToo() {
        assertThatThrownBy(() -> new LinkPage("myapp")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinkPage(null)).isInstanceOf(NullPointerException.class);
    }
}
