package com.example.signin.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.signin.protocol.InvalidEmailException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "alice@example.com              | alice@example.com",
            "  Alice@Example.COM            | alice@example.com",   // trimmed, lower-cased
            "o'brien&co+tag@example.co.uk   | o'brien&co+tag@example.co.uk",
            "first.last@sub.example.org     | first.last@sub.example.org",
            "x@bücher.example               | x@xn--bcher-kva.example", // IDN stored as punycode
            "user@xn--bcher-kva.example     | user@xn--bcher-kva.example",
            "a{b}c~d=x@example.io           | a{b}c~d=x@example.io",
    })
    void validAddressesAreNormalised(String raw, String normalised) {
        assertThat(EmailAddress.parse(raw).value()).isEqualTo(normalised);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                               | EMPTY",
            "'   '                            | EMPTY",
            "alice.example.com                | MISSING_AT",
            "@example.com                     | BAD_LOCAL_PART",
            ".alice@example.com               | BAD_LOCAL_PART",
            "alice.@example.com               | BAD_LOCAL_PART",
            "al..ice@example.com              | BAD_LOCAL_PART",
            "ali(ce)@example.com              | BAD_LOCAL_PART",
            "'\"<script>\"@example.com'       | UNSUPPORTED_LOCAL_PART",
            "'ali ce@example.com'             | UNSUPPORTED_LOCAL_PART",
            "jürgen@example.com               | UNSUPPORTED_LOCAL_PART",
            "alice@                           | BAD_DOMAIN",
            "alice@localhost                  | BAD_DOMAIN",
            "alice@example..com               | BAD_DOMAIN",
            "alice@-example.com               | BAD_DOMAIN",
            "alice@example.com.               | BAD_DOMAIN",
            "alice@exa_mple.com               | BAD_DOMAIN",
            "alice@127.0.0.1                  | BAD_DOMAIN",
            "alice@[127.0.0.1]                | BAD_DOMAIN",
            "a@b@example.com                  | BAD_LOCAL_PART",
    })
    void invalidAddressesAreRefusedWithAReason(String raw, Reason reason) {
        assertThatThrownBy(() -> EmailAddress.parse(raw))
                .isInstanceOfSatisfying(InvalidEmailException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isEqualTo(reason.sentence());
                });
    }

    @org.junit.jupiter.api.Test
    void crlfNeverSurvives() {
        assertThat(EmailAddress.isValid("alice@example.com\r\nBcc: eve@example.com")).isFalse();
        assertThat(EmailAddress.isValid("alice\r\n@example.com")).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aLocalPartOf64CharactersIsTheLongestAccepted() {
        assertThat(EmailAddress.isValid("a".repeat(64) + "@example.com")).isTrue();
        assertThat(EmailAddress.isValid("a".repeat(65) + "@example.com")).isFalse();
    }

    @org.junit.jupiter.api.Test
    void tooLongAddressesAreRefused() {
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(65) + "@example.com"))
                .isInstanceOfSatisfying(InvalidEmailException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LONG));
        String longDomain = ("a".repeat(60) + ".").repeat(4) + "com"; // 247 characters
        assertThatThrownBy(() -> EmailAddress.parse("abcdefgh@" + longDomain))
                .isInstanceOfSatisfying(InvalidEmailException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LONG));
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(100_000)))
                .isInstanceOfSatisfying(InvalidEmailException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LONG));
    }

    @org.junit.jupiter.api.Test
    void equalityFollowsTheNormalisedForm() {
        assertThat(EmailAddress.parse("Bob@Example.com")).isEqualTo(EmailAddress.parse("bob@example.com"));
        assertThat(EmailAddress.parse("bob@example.com").domain()).isEqualTo("example.com");
    }
}
