package com.example.signin.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Arbitrary input never makes the parsers throw anything but their documented exception. */
class ProtocolPropertiesTest {

    final MagicLinkFormat format = new MagicLinkFormat("com.example.signin", "https://auth.example.com/prod");

    @Property(tries = 3000)
    void linkParserOnlyEverThrowsInvalidLink(@ForAll("linkish") String input) {
        try {
            String secret = format.parseSecret(input);
            assertThat(Secrets.isWellFormed(secret)).isTrue();
        } catch (MalformedLinkException expected) {
            assertThat(expected.getMessage()).isEqualTo(expected.reason().sentence());
        }
    }

    @Property(tries = 3000)
    void emailParserOnlyEverThrowsInvalidEmail(@ForAll("emailish") String input) {
        try {
            EmailAddress address = EmailAddress.parse(input);
            assertThat(address.value()).hasSizeLessThanOrEqualTo(EmailAddress.MAX_LENGTH)
                    .doesNotContain("\r", "\n", " ", "\"", "<", ">")
                    .isEqualTo(address.value().toLowerCase(java.util.Locale.ROOT));
            assertThat(EmailAddress.parse(address.value())).isEqualTo(address); // normalisation is idempotent
        } catch (InvalidEmailException expected) {
            assertThat(expected.getMessage()).isEqualTo(expected.reason().sentence());
        }
    }

    @Property(tries = 1000)
    void anyGeneratedSecretRoundTripsThroughBothLinkForms(@ForAll("secrets") String secret) {
        assertThat(format.parseSecret(format.appLink(secret))).isEqualTo(secret);
        assertThat(format.parseSecret(format.pageLink(secret))).isEqualTo(secret);
    }

    @Property(tries = 1000)
    void verifierAlwaysMatchesItsOwnChallengeOnly(@ForAll("secrets") String verifier, @ForAll("secrets") String other) {
        assertThat(CodeChallenge.matches(verifier, CodeChallenge.s256(verifier))).isTrue();
        assertThat(CodeChallenge.matches(other, CodeChallenge.s256(verifier))).isEqualTo(other.equals(verifier));
    }

    @Property(tries = 2000)
    void completelyArbitraryStringsNeverCrashEitherParser(@ForAll @StringLength(max = 3000) String input) {
        try {
            format.parseSecret(input);
        } catch (MalformedLinkException expected) {
            // documented refusal
        }
        try {
            EmailAddress.parse(input);
        } catch (InvalidEmailException expected) {
            // documented refusal
        }
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.bytes().array(byte[].class).ofSize(Secrets.BYTES).map(Secrets::encode);
    }

    @Provide
    Arbitrary<String> linkish() {
        Arbitrary<String> prefix = Arbitraries.of(
                "com.example.signin://signin#", "com.example.signin://signin/#", "https://auth.example.com/prod/open#",
                "COM.EXAMPLE.SIGNIN://SIGNIN#", "com.example.signin://", "https://auth.example.com/prod/open?#",
                "com.example.signin:signin#", "", "#", "https://", "com.example.signin://signin#%");
        Arbitrary<String> tail = Arbitraries.oneOf(
                secrets(),
                secrets().map(s -> s.substring(0, 42)),
                secrets().map(s -> s + "="),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(60),
                Arbitraries.strings().all().ofMaxLength(50),
                Arbitraries.strings().withChars("AZaz09-_#/?@:%. \r\n\t").ofMaxLength(80));
        return net.jqwik.api.Combinators.combine(prefix, tail).as(String::concat);
    }

    @Provide
    Arbitrary<String> emailish() {
        Arbitrary<String> local = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcXYZ019.+-_'&\"<>() @\\\r\n").ofMaxLength(70),
                Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(64));
        Arbitrary<String> domain = Arbitraries.oneOf(
                Arbitraries.of("example.com", "EXAMPLE.com", "bücher.example", "xn--bcher-kva.example", "localhost",
                        "ex ample.com", "example..com", "-x.com", "1.2.3.4", "[127.0.0.1]", "еxample.com"),
                Arbitraries.strings().withChars("abc.-_0é\u0000").ofMaxLength(300),
                Arbitraries.strings().all().ofMaxLength(20));
        return net.jqwik.api.Combinators.combine(local, domain).as((l, d) -> l + "@" + d);
    }
}
