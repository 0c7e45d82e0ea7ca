package com.example.signin.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.signin.protocol.InvalidEmailException.Reason;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

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
            "az.AZ.09@example.com           | az.az.09@example.com",   // the ends of each letter and digit range
            "'!#$%&*+-/=?^_`{|}~@example.com'| '!#$%&*+-/=?^_`{|}~@example.com'", // every other atext character
            "2024.report@example.com        | 2024.report@example.com",
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
            "'ali:ce@example.com'             | BAD_LOCAL_PART",          // just past '9'
            "'ali[ce@example.com'             | BAD_LOCAL_PART",          // just past 'Z'
            "'ali\u007fce@example.com'        | BAD_LOCAL_PART",          // DEL is a control character, not a letter
            "'ali\u0080ce@example.com'        | UNSUPPORTED_LOCAL_PART",  // the first non-ASCII character
            "'alice@example.c_m'              | BAD_DOMAIN",
            "'alice@example.123'              | BAD_DOMAIN",              // numeric top-level label
            "'alice@example.com-'             | BAD_DOMAIN",
    })
    void invalidAddressesAreRefusedWithAReason(String raw, Reason reason) {
        assertThatThrownBy(() -> EmailAddress.parse(raw))
                .isInstanceOfSatisfying(InvalidEmailException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isEqualTo(reason.sentence());
                });
    }

    @Test
    void aMissingAddressIsRefusedAsEmptyNotWithANullPointerException() {
        assertThatThrownBy(() -> EmailAddress.parse(null))
                .isInstanceOfSatisfying(InvalidEmailException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY));
        assertThat(EmailAddress.isValid(null)).isFalse();
    }

    @Test
    void anAddressOf254CharactersIsTheLongestAccepted() {
        String domain = "b".repeat(63) + "." + "c".repeat(63) + ".com"; // 131 characters
        String longest = "a".repeat(64) + "@" + "d".repeat(57) + "." + domain;
        assertThat(longest).hasSize(EmailAddress.MAX_LENGTH);
        assertThat(EmailAddress.parse(longest).value()).isEqualTo(longest);
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(64) + "@" + "d".repeat(58) + "." + domain))
                .isInstanceOfSatisfying(InvalidEmailException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LONG));
    }

    @Test
    void aDomainLabelOf63CharactersIsTheLongestAccepted() {
        assertThat(EmailAddress.isValid("alice@" + "x".repeat(63) + ".com")).isTrue();
        assertThatThrownBy(() -> EmailAddress.parse("alice@" + "x".repeat(64) + ".com"))
                .isInstanceOfSatisfying(InvalidEmailException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_DOMAIN));
    }

    @Test
    void pastedInputUpTo1024CharactersIsTrimmedAndLongerInputIsRefusedUnread() {
        String padded = " ".repeat(500) + "alice@example.com" + " ".repeat(EmailAddress.MAX_RAW_LENGTH - 517);
        assertThat(padded).hasSize(EmailAddress.MAX_RAW_LENGTH);
        assertThat(EmailAddress.parse(padded).value()).isEqualTo("alice@example.com");
        assertThatThrownBy(() -> EmailAddress.parse(padded + " "))
                .isInstanceOfSatisfying(InvalidEmailException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LONG));
    }

    @Test
    void twoSpellingsOfOneAddressAreOneAccountAndDifferentAddressesAreNot() {
        Set<EmailAddress> accounts = new HashSet<>(List.of(
                EmailAddress.parse("Bob@Example.com"), EmailAddress.parse("bob@example.com"),
                EmailAddress.parse("carol@example.com")));
        assertThat(accounts).hasSize(2);
        assertThat(EmailAddress.parse("bob@example.com")).isNotEqualTo(EmailAddress.parse("carol@example.com"))
                .isNotEqualTo("bob@example.com");
        assertThat(EmailAddress.parse("Bob@Example.com")).hasToString("bob@example.com");
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyRefusalHasItsOwnSentence(Reason reason) {
        assertThat(reason.sentence()).endsWith(".").hasSizeGreaterThan(15);
        assertThat(Arrays.stream(Reason.values()).filter(r -> r.sentence().equals(reason.sentence()))).hasSize(1);
    }

    @Test
    void crlfNeverSurvives() {
        assertThat(EmailAddress.isValid("alice@example.com\r\nBcc: eve@example.com")).isFalse();
        assertThat(EmailAddress.isValid("alice\r\n@example.com")).isFalse();
    }

    @Test
    void aLocalPartOf64CharactersIsTheLongestAccepted() {
        assertThat(EmailAddress.isValid("a".repeat(64) + "@example.com")).isTrue();
        assertThat(EmailAddress.isValid("a".repeat(65) + "@example.com")).isFalse();
    }

    @Test
    void tooLongAddressesAreRefused() {
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(65) + "@example.com"))
                .isInstanceOfSatisfying(InvalidEmailException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LONG));
        String longDomain = ("a".repeat(60) + ".").repeat(4) + "com"; // 247 characters
        assertThatThrownBy(() -> EmailAddress.parse("abcdefgh@" + longDomain))
                .isInstanceOfSatisfying(InvalidEmailException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LONG));
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(100_000)))
                .isInstanceOfSatisfying(InvalidEmailException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LONG));
    }

    @Test
    void equalityFollowsTheNormalisedForm() {
        assertThat(EmailAddress.parse("Bob@Example.com")).isEqualTo(EmailAddress.parse("bob@example.com"));
        assertThat(EmailAddress.parse("bob@example.com").domain()).isEqualTo("example.com");
    }
}
