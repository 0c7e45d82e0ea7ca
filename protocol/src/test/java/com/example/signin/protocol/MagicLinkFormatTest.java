package com.example.signin.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.signin.protocol.MalformedLinkException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.Arrays;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MagicLinkFormatTest {

    static final String SECRET = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    final MagicLinkFormat format = new MagicLinkFormat("com.example.signin", "https://auth.example.com/prod");

    @Test
    void buildsBothLinkForms() {
        assertThat(format.appLink(SECRET)).isEqualTo("com.example.signin://signin#" + SECRET);
        assertThat(format.pageLink(SECRET)).isEqualTo("https://auth.example.com/prod/open#" + SECRET);
    }

    @Test
    void findsTheSecretOfThisDeploymentsLinkInAPlainOrHtmlMail() {
        String text = "Hello,\n\nopen https://elsewhere.example.com/open#" + SECRET.replace('d', 'e') + " not this one, but\n"
                + format.pageLink(SECRET) + "\n\nThanks";
        String html = "<p><a href=\"" + format.pageLink(SECRET) + "\" style=\"color:#0969da;\">Sign in</a></p>";
        assertThat(format.findSecret(text)).contains(SECRET);
        assertThat(format.findSecret(html)).contains(SECRET);
        assertThat(format.findSecret("(" + format.appLink(SECRET) + ")")).contains(SECRET);
    }

    @Test
    void findsNoSecretWhereTheOnlyLinkIsDamagedOrForeign() {
        assertThat(format.findSecret(format.pageLink(SECRET) + "x")).isEmpty();
        assertThat(format.findSecret("https://elsewhere.example.com/open#" + SECRET)).isEmpty();
        assertThat(format.findSecret("no link at all")).isEmpty();
        assertThat(format.findSecret(null)).isEmpty();
    }

    @Test
    void builtLinksRoundTrip() {
        assertThat(format.parseSecret(format.appLink(SECRET))).isEqualTo(SECRET);
        assertThat(format.parseSecret(format.pageLink(SECRET))).isEqualTo(SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "com.example.signin://signin/#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",   // trailing slash some launchers add
            "COM.Example.Signin://SignIn#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",   // scheme and host are case-insensitive
            "  com.example.signin://signin#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk\n", // pasted with whitespace
            "HTTPS://AUTH.example.com/prod/open#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            "https://auth.example.com/prod/open/#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
    })
    void acceptsHarmlessVariants(String link) {
        assertThat(format.parseSecret(link)).isEqualTo(SECRET);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                                                                                   | EMPTY",
            "'com.example.evil://signin#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'               | NOT_A_SIGN_IN_LINK",
            "'com.example.signin://signout#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'            | NOT_A_SIGN_IN_LINK",
            "'com.example.signin://user@signin#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'        | NOT_A_SIGN_IN_LINK",
            "'com.example.signin://signin:80#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'          | NOT_A_SIGN_IN_LINK",
            "'com.example.signin://signin/x#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'           | NOT_A_SIGN_IN_LINK",
            "'com.example.signin://signin?s=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'           | NOT_A_SIGN_IN_LINK",
            "'com.example.signin://signin?x#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'           | NOT_A_SIGN_IN_LINK",
            "'com.example.signin:signin#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'               | NOT_A_SIGN_IN_LINK",
            "'https://auth.example.com.evil.io/prod/open#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk' | NOT_A_SIGN_IN_LINK",
            "'http://auth.example.com/prod/open#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'       | NOT_A_SIGN_IN_LINK",
            "'https://auth.example.com/open#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'           | NOT_A_SIGN_IN_LINK",
            "'com.example.signin://signin#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX'              | DAMAGED",
            "'com.example.signin://signin#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk#x'           | DAMAGED",
            "'com.example.signin://signin#'                                                        | DAMAGED",
            "'com.example.signin://signin#dBjftJeZ4CVP%2DmB92K27uhbUJU1p1r_wW1gFWFOEjXk'           | DAMAGED",
            "'com.example.signin://signin#dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1g FWFOEjXk'            | NOT_A_SIGN_IN_LINK",
            "'javascript:alert(1)'                                                                 | NOT_A_SIGN_IN_LINK",
    })
    void refusesEverythingElse(String link, Reason reason) {
        assertThatThrownBy(() -> format.parseSecret(link))
                .isInstanceOfSatisfying(MalformedLinkException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).doesNotContain("dBjftJeZ4CVP");
                });
    }

    @ParameterizedTest
    @ValueSource(chars = {'\u0000', '\u0007', '\u007f', '\u00a0', '\u2028', '\u202e'})
    void refusesControlAndInvisibleCharactersInside(char c) {
        String link = "com.example.signin://signin#dBjftJeZ4CVP-mB92K27uhbUJU1p1r" + c + "_wW1gFWFOEjXk";
        assertThatThrownBy(() -> format.parseSecret(link))
                .isInstanceOfSatisfying(MalformedLinkException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_SIGN_IN_LINK));
    }

    @Test
    void refusesOverlongInputBeforeLookingAtIt() {
        String link = "com.example.signin://signin#" + SECRET + "A".repeat(3000);
        assertThatThrownBy(() -> format.parseSecret(link))
                .isInstanceOfSatisfying(MalformedLinkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LONG));
        assertThatThrownBy(() -> format.parseSecret(null)).isInstanceOf(MalformedLinkException.class);
    }

    @Test
    void aPastedLinkOf2048CharactersIsTheLongestLookedAt() {
        String link = "com.example.signin://signin#" + SECRET;
        String padded = link + " ".repeat(MagicLinkFormat.MAX_LINK_LENGTH - link.length());
        assertThat(padded).hasSize(2048);
        assertThat(format.parseSecret(padded)).isEqualTo(SECRET);
        assertThatThrownBy(() -> format.parseSecret(padded + " "))
                .isInstanceOfSatisfying(MalformedLinkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LONG));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a secret", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX[",
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXl", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gF#FOEjXk"})
    void noLinkIsBuiltAroundAMalformedSecret(String notASecret) {
        assertThatThrownBy(() -> format.appLink(notASecret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A link secret must be 43 base64url characters");
        assertThatThrownBy(() -> format.pageLink(notASecret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A link secret must be 43 base64url characters");
        assertThatThrownBy(() -> format.appLink(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDeploymentsSchemeIsLowerCasedAndItsLinkBaseLosesATrailingSlash() {
        MagicLinkFormat configured = new MagicLinkFormat("Com.Example.SignIn", "https://auth.example.com/prod/");
        assertThat(configured.scheme()).isEqualTo("com.example.signin");
        assertThat(configured.linkBase()).isEqualTo("https://auth.example.com/prod");
        assertThat(new MagicLinkFormat("com.example.signin", null).linkBase()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyRefusalHasItsOwnSentence(Reason reason) {
        assertThat(reason.sentence()).endsWith(".").hasSizeGreaterThan(15);
        assertThat(Arrays.stream(Reason.values()).filter(r -> r.sentence().equals(reason.sentence()))).hasSize(1);
    }

    @Test
    void withoutALinkBaseOnlyAppLinksParse() {
        MagicLinkFormat direct = new MagicLinkFormat("com.example.signin", null);
        assertThat(direct.parseSecret("com.example.signin://signin#" + SECRET)).isEqualTo(SECRET);
        assertThatThrownBy(() -> direct.parseSecret("https://auth.example.com/prod/open#" + SECRET))
                .isInstanceOf(MalformedLinkException.class);
        assertThatThrownBy(() -> direct.pageLink(SECRET)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void loopbackHttpLinkBaseIsAllowedForTheLocalBackend() {
        MagicLinkFormat local = new MagicLinkFormat("com.example.signin", "http://127.0.0.1:4566/link/");
        assertThat(local.pageLink(SECRET)).isEqualTo("http://127.0.0.1:4566/link/open#" + SECRET);
        assertThat(local.parseSecret(local.pageLink(SECRET))).isEqualTo(SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://auth.example.com", "ftp://x.example.com", "https://x.example.com/?a=b", "not a url", "https://u@x.example.com"})
    void badLinkBasesAreRefusedAtConstruction(String linkBase) {
        assertThatThrownBy(() -> new MagicLinkFormat("com.example.signin", linkBase))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("link base");
    }

    @ParameterizedTest
    @ValueSource(strings = {"signin", "1com.example", "com example.x", "com_example.x"})
    void schemesThatAreNotReverseDnsAreRefused(String scheme) {
        assertThatThrownBy(() -> new MagicLinkFormat(scheme, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reverse-DNS");
    }

    @Test
    void refusalCodesRoundTripThroughCognitosMessage() {
        for (LinkRefusal refusal : LinkRefusal.values()) {
            String message = String.format(LinkRefusal.COGNITO_MESSAGE_FORMAT, refusal.code());
            assertThat(LinkRefusal.fromMessage(message)).contains(refusal);
        }
        assertThat(LinkRefusal.fromMessage("Incorrect username or password.")).isEmpty();
        assertThat(LinkRefusal.fromMessage(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://abc.execute-api.eu-west-1.amazonaws.com/prod, true",
            "HTTPS://example.com,                                  true",
            "http://127.0.0.1:4000/api,                            true",
            "http://localhost:4000,                                true",
            "HTTP://LOCALHOST:4000,                                true",
            "http://[::1]:4000/api,                                true",
            "http://192.168.1.5:4000/api,                          false",
            "http://example.com,                                   false",
            "ftp://127.0.0.1/x,                                    false",
            "https:///no-host,                                     false",
            "//127.0.0.1/no-scheme,                                false",
    })
    void theOneUrlRuleIsHttpsOrHttpOnLoopback(String url, boolean allowed) {
        assertThat(MagicLinkFormat.isHttpsOrLoopbackHttp(java.net.URI.create(url))).isEqualTo(allowed);
    }
}
